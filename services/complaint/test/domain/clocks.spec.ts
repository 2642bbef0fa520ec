import { cnMainlandCalendar } from '@claims/working-calendar';
import { ComplaintTimetable } from '../../src/domain/complaint-timetable';
import { checkClocks, extendRegulatoryLimit } from '../../src/domain/complaint/clocks';
import { ComplaintEvent } from '../../src/domain/complaint/complaint.events';
import { pauseForCustomer, resumeAfterCustomer } from '../../src/domain/complaint/investigation';
import { DEFAULT_COMPLAINT_RULES } from '../../src/infrastructure/default-complaint-rules';
import {
  accepted,
  assigned,
  at,
  handler,
  historyOf,
  manager,
  received,
  spec,
  terms,
} from './complaint-histories';

const types = (events: readonly ComplaintEvent[]) => events.map((e) => e.type);
const dataOf = (events: readonly ComplaintEvent[]) => events.map((e) => e.data as Record<string, unknown>);

/**
 * Spring Festival 2026 on the China mainland calendar (libs/working-calendar/data/cn-mainland.json):
 * Saturday 14 Feb is a make-up working day, 15–23 Feb are holidays, Saturday 28 Feb is a make-up
 * working day again.
 */
const wednesday11Feb = at('2026-02-11T02:00:00Z'); // 10:00 Beijing
const thursday12Feb = at('2026-02-12T02:00:00Z');
const friday13Feb = at('2026-02-13T02:00:00Z');
const wednesday25Feb = at('2026-02-25T02:00:00Z');

const beforeTheHoliday = () =>
  historyOf(
    received({ now: wednesday11Feb, complaintNumber: 'CMP-2026-000001' }),
    accepted([], thursday12Feb),
    assigned(handler, thursday12Feb),
  );

describe('Complaint clocks on the working calendar', () => {
  it('counts the make-up Saturday and skips Spring Festival', () => {
    const events = beforeTheHoliday();
    const started = dataOf(events.filter((e) => e.type === 'ClockStarted'));
    expect(started).toEqual([
      expect.objectContaining({ clock: 'initial-review', dueAt: '2026-02-12T02:00:00.000Z' }), // 24 elapsed hours
      // 15 calendar days, holidays included: the end of Thursday 26 Feb
      expect.objectContaining({ clock: 'regulatory', dueAt: '2026-02-26T15:59:59.999Z' }),
      // Fri 13, Sat 14 (make-up), Tue 24: the end of Tuesday 24 Feb
      expect.objectContaining({ clock: 'investigation', dueAt: '2026-02-24T15:59:59.999Z' }),
      // … Wed 25, Thu 26, Fri 27, Sat 28 (make-up): the end of Saturday 28 Feb
      expect.objectContaining({ clock: 'resolution', dueAt: '2026-02-28T15:59:59.999Z' }),
    ]);
    // accepted exactly 24 h after receipt: the deadline instant itself is in time
    expect(dataOf(events.filter((e) => e.type === 'ClockFulfilled'))).toEqual([
      expect.objectContaining({ clock: 'initial-review', withinLimit: true }),
    ]);
  });

  it('pauses the internal clocks while waiting on the customer over the holiday, never the regulatory one', () => {
    const paused = historyOf(
      () => beforeTheHoliday(),
      (s) => pauseForCustomer(s, { actor: handler, now: friday13Feb }),
    );
    expect(types(paused.slice(-2))).toEqual(['ClockPaused', 'ClockPaused']);
    expect(dataOf(paused.slice(-2)).map((d) => d['clock'])).toEqual(['investigation', 'resolution']);
    spec
      .given(paused)
      .when((s) => resumeAfterCustomer(s, { actor: handler, now: wednesday25Feb }, terms))
      .thenEvents((events, after) => {
        // the pause cost Fri 13, Sat 14 and Tue 24: Wed 25, Thu 26, Fri 27 count now
        expect(dataOf(events)).toEqual([
          expect.objectContaining({ clock: 'investigation', dueAt: '2026-02-27T15:59:59.999Z' }),
          // Wed 25, Thu 26, Fri 27, Sat 28 (make-up), Mon 2, Tue 3, Wed 4 March
          expect.objectContaining({ clock: 'resolution', dueAt: '2026-03-04T15:59:59.999Z' }),
        ]);
        expect(after.status !== 'none' && after.clocks.regulatory).toMatchObject({
          state: 'running',
          dueAt: '2026-02-26T15:59:59.999Z',
        });
        expect(after.status !== 'none' && after.clocks.investigation).toMatchObject({
          state: 'running',
          pauses: [{ from: friday13Feb.toISOString(), to: wednesday25Feb.toISOString() }],
        });
      });
    spec
      .given(beforeTheHoliday())
      .when((s) => resumeAfterCustomer(s, { actor: handler, now: wednesday25Feb }, terms))
      .thenRefuses('no-paused-clock');
  });

  it('raises at-risk and breached once per clock, nothing while paused', () => {
    const history = beforeTheHoliday();
    const check = (iso: string) => (s: Parameters<typeof checkClocks>[0]) =>
      checkClocks(s, { now: at(iso) }, terms);
    // Tuesday 24 Feb 09:00 Beijing: investigation due that night (within 24 h); regulatory due in 2.5 days (within 72 h)
    spec
      .given(history)
      .when(check('2026-02-24T01:00:00Z'))
      .thenEvents((events) => {
        expect(types(events)).toEqual(['ClockAtRisk', 'ClockAtRisk']);
        expect(
          dataOf(events)
            .map((d) => d['clock'])
            .sort(),
        ).toEqual(['investigation', 'regulatory']);
      });
    const atRisk = historyOf(() => history, check('2026-02-24T01:00:00Z'));
    spec.given(atRisk).when(check('2026-02-24T02:00:00Z')).thenNothingHappens();
    spec
      .given(atRisk)
      .when(check('2026-02-25T01:00:00Z'))
      .thenEvents((events) => {
        expect(types(events)).toEqual(['ClockBreached']);
        expect(events[0].data).toMatchObject({ clock: 'investigation', dueAt: '2026-02-24T15:59:59.999Z' });
      });
    const paused = historyOf(
      () => history,
      (s) => pauseForCustomer(s, { actor: handler, now: friday13Feb }),
    );
    spec
      .given(paused)
      .when(check('2026-02-25T01:00:00Z'))
      .thenEvents((events) => expect(dataOf(events).map((d) => d['clock'])).toEqual(['regulatory']));
  });

  describe('the regulatory outer limit', () => {
    const extend =
      (actor = handler, now = friday13Feb) =>
      (s: Parameters<typeof extendRegulatoryLimit>[0]) =>
        extendRegulatoryLimit(
          s,
          { actor, now, reason: 'Expert opinion on the repair needed', customerToldVia: 'sms' },
          terms,
        );

    it('extends to 30 days with a recorded reason, the customer told', () => {
      spec
        .given(beforeTheHoliday())
        .when(extend())
        .thenEvents(([event], after) => {
          expect(event.data).toMatchObject({
            extension: 1,
            totalDays: 30,
            grantedAs: 'handler',
            customerToldVia: 'sms',
            dueAt: '2026-03-13T15:59:59.999Z',
          });
          expect(after).toMatchObject({
            regulatoryExtensions: 1,
            clocks: { regulatory: { dueAt: '2026-03-13T15:59:59.999Z' } },
          });
        });
    });

    it('extends a further 30 days only with a manager’s approval, and no further', () => {
      const once = historyOf(() => beforeTheHoliday(), extend());
      spec.given(once).when(extend(handler)).thenRefuses('manager-required', { extension: 2 });
      spec
        .given(once)
        .when(extend(manager))
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            extension: 2,
            totalDays: 60,
            grantedAs: 'manager',
            dueAt: '2026-04-12T15:59:59.999Z',
          }),
        );
      const twice = historyOf(() => once, extend(manager));
      spec.given(twice).when(extend(manager)).thenRefuses('no-further-extension');
    });

    it('is not extended after it has passed', () => {
      spec
        .given(beforeTheHoliday())
        .when(extend(handler, at('2026-02-27T02:00:00Z')))
        .thenRefuses('limit-passed');
    });
  });

  it('takes every limit from the rules: a 10-day regulatory limit and 2-working-day investigation', () => {
    const rules = {
      ...DEFAULT_COMPLAINT_RULES,
      timeLimits: {
        ...DEFAULT_COMPLAINT_RULES.timeLimits,
        regulatory: { kind: 'calendar-days' as const, count: 10 },
        investigation: { kind: 'working-days' as const, count: 2 },
      },
    };
    const timetable = new ComplaintTimetable(cnMainlandCalendar(), rules);
    expect(timetable.dueAt(wednesday11Feb, rules.timeLimits.regulatory).toISOString()).toBe(
      '2026-02-21T15:59:59.999Z',
    );
    expect(timetable.dueAt(thursday12Feb, rules.timeLimits.investigation).toISOString()).toBe(
      '2026-02-14T15:59:59.999Z',
    );
  });
});
