import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  CommandContext,
  Decider,
  DeciderRepository,
  ERASED,
  EmbeddedEventStore,
  EventStore,
  EventUnion,
  FileSubjectKeyStore,
  InMemorySubjectKeyStore,
  PERSONAL_DATA_KEY,
  PersonalDataVault,
  PersonalDataWithoutVaultError,
  PostgresEventStore,
  PostgresSubjectKeyStore,
  SubjectKeyStore,
  UpcasterRegistry,
  eventRecorder,
  newEvent,
  revealPersonalData,
  sealPersonalData,
  unknownEvent,
} from '../src';
import {
  describeWithPostgres,
  dropSchema,
  freshSchema,
  postgresUrl,
  tableAsText,
} from '../testing/postgres-available';

interface Claimant {
  name: string;
  phone: string;
  idNumber: string;
  diagnosis: string;
}

/** A claim holding its claimant's personal data, as services' streams do. */
interface ClaimEvents {
  ClaimFiled: { customerId: string; amountMinor: number };
  DiagnosisRecorded: Record<string, never>;
}
type ClaimEvent = EventUnion<ClaimEvents>;
type ClaimFiled = ClaimEvents['ClaimFiled'];

interface Claim {
  readonly customerId: string;
  readonly amountMinor: number;
  readonly claimant: Record<string, unknown>;
  readonly diagnoses: readonly unknown[];
  readonly erased: boolean;
}

const claim: Decider<Claim, ClaimEvent> = {
  initialState: () => ({ customerId: '', amountMinor: 0, claimant: {}, diagnoses: [], erased: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ClaimFiled':
        return {
          ...state,
          customerId: event.data.customerId,
          amountMinor: event.data.amountMinor,
          claimant: { ...event.personalData?.fields },
          erased: event.personalData?.erased ?? false,
        };
      case 'DiagnosisRecorded':
        return { ...state, diagnoses: [...state.diagnoses, event.personalData?.fields.diagnosis] };
      default:
        return unknownEvent(event);
    }
  },
};

const record = eventRecorder<ClaimEvents>({ ClaimFiled: 2, DiagnosisRecorded: 1 });

function fileClaim(customerId: string, claimant: Claimant, amountMinor: number): ClaimEvent[] {
  return [
    record(
      'ClaimFiled',
      { customerId, amountMinor },
      { personalData: { subjectId: customerId, fields: { ...claimant } } },
    ),
  ];
}

function recordDiagnosis(state: Claim, diagnosis: string): ClaimEvent[] {
  return [
    record('DiagnosisRecorded', {}, { personalData: { subjectId: state.customerId, fields: { diagnosis } } }),
  ];
}

// ClaimFiled v1 stored the amount in yuan.
const upcasters = new UpcasterRegistry().register('ClaimFiled', 1, (data) => ({
  customerId: data.customerId,
  amountMinor: Number(data.amount) * 100,
}));

const context = (): CommandContext => ({
  actor: { id: 'handler-1', role: 'claims-handler' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

const ann: Claimant = {
  name: '张伟 Zhang Wei',
  phone: '+86 138 0013 8000',
  idNumber: '110105199003071234',
  diagnosis: 'Type 2 diabetes mellitus',
};
const bob: Claimant = {
  name: 'Li Na',
  phone: '+86 139 1234 5678',
  idNumber: '310101198512120021',
  diagnosis: 'Fractured left radius',
};
const annLaterDiagnosis = 'Hypertension, stage 2';
const annValues = [...Object.values(ann), annLaterDiagnosis];

const containing = (haystack: Buffer | string, values: readonly string[]) =>
  values.filter((value) => haystack.includes(value));

describe('DeciderRepository with personal data', () => {
  let store: EmbeddedEventStore;
  let vault: PersonalDataVault;
  let repository: DeciderRepository<Claim, ClaimEvent>;
  const withoutVault = () =>
    new DeciderRepository({ store, streamPrefix: 'claim', decider: claim, upcasters });

  beforeEach(() => {
    store = new EmbeddedEventStore(null);
    vault = new PersonalDataVault(new InMemorySubjectKeyStore());
    repository = new DeciderRepository({ store, streamPrefix: 'claim', decider: claim, upcasters, vault });
  });
  afterEach(() => store.close());

  it('stores personal data only sealed, and reads it back into event.personalData', async () => {
    await repository.handle('c1', context(), () => fileClaim('customer-1', ann, 120_00));
    const [stored] = await store.readStream('claim-c1');
    expect(stored.data).toEqual({
      customerId: 'customer-1',
      amountMinor: 120_00,
      [PERSONAL_DATA_KEY]: {
        subjectId: 'customer-1',
        alg: 'A256GCM',
        kid: expect.any(String),
        iv: expect.any(String),
        tag: expect.any(String),
        ciphertext: expect.any(String),
        fieldNames: ['name', 'phone', 'idNumber', 'diagnosis'],
      },
    });
    expect(containing(JSON.stringify(stored), Object.values(ann))).toEqual([]);

    const loaded = await repository.read('c1');
    expect(loaded.state).toMatchObject({
      customerId: 'customer-1',
      amountMinor: 120_00,
      claimant: ann,
      erased: false,
    });
    expect((await repository.history('c1'))[0].personalData).toEqual({
      subjectId: 'customer-1',
      fields: ann,
    });
  });

  it('refuses to save personal data without a vault, storing nothing', async () => {
    const decided = fileClaim('customer-2', ann, 1);
    await expect(withoutVault().append('c2', decided, null, context())).rejects.toBeInstanceOf(
      PersonalDataWithoutVaultError,
    );
    await expect(withoutVault().handle('c2', context(), () => decided)).rejects.toBeInstanceOf(
      PersonalDataWithoutVaultError,
    );
    expect(await store.readAll()).toEqual([]);
    // The decision is not lost: a repository with a vault still stores it.
    await repository.append('c2', decided, null, context());
    expect(await store.readStream('claim-c2')).toHaveLength(1);
  });

  it('refuses to load sealed personal data without a vault', async () => {
    await repository.handle('c3', context(), () => fileClaim('customer-3', ann, 1));
    await expect(withoutVault().read('c3')).rejects.toBeInstanceOf(PersonalDataWithoutVaultError);
  });

  it('refuses data that uses the reserved key itself', async () => {
    const smuggled = {
      type: 'ClaimFiled',
      schemaVersion: 2,
      data: { [PERSONAL_DATA_KEY]: { name: 'Ann' } },
    } as unknown as ClaimEvent;
    await expect(repository.handle('c4', context(), () => [smuggled])).rejects.toThrow(/reserved/);
    expect(await store.readAll()).toEqual([]);
  });

  it('upcasts old events and keeps their personal data', async () => {
    const old = await sealPersonalData(
      {
        type: 'ClaimFiled',
        data: { customerId: 'customer-5', amount: 12 },
        personalData: { subjectId: 'customer-5', fields: { ...ann } },
      },
      vault,
    );
    await store.append('claim-c5', [newEvent({ ...old, schemaVersion: 1 }, context())], 'no_stream');
    expect((await repository.read('c5')).state).toMatchObject({ amountMinor: 1200, claimant: ann });
  });

  it('treats a retried command as done, although each sealing uses a new IV', async () => {
    const ctx = context();
    await repository.handle('c6', ctx, () => fileClaim('customer-6', ann, 1));
    await repository.handle('c6', ctx, () => fileClaim('customer-6', ann, 1));
    await repository.append('c6', fileClaim('customer-6', ann, 1), null, ctx);
    expect(await store.readStream('claim-c6')).toHaveLength(1);
    expect(await repository.read('c6')).toMatchObject({ state: { claimant: ann }, revision: 0 });
  });

  it('reveals stored envelopes for projections, and leaves events without personal data alone', async () => {
    await repository.handle('c7', context(), () => fileClaim('customer-7', ann, 1));
    await store.append(
      'other-1',
      [newEvent({ type: 'Pinged', schemaVersion: 1, data: { n: 1 } }, context())],
      'no_stream',
    );
    const [filed, other] = await store.readAll();
    const revealed = await revealPersonalData<ClaimFiled>(filed, vault);
    expect(revealed.data).toEqual({ customerId: 'customer-7', amountMinor: 1 });
    expect(revealed.personalData).toEqual({ subjectId: 'customer-7', fields: ann });
    expect(await revealPersonalData(other, vault)).toBe(other);
    expect(await revealPersonalData(other, undefined)).toBe(other);

    await vault.forget('customer-7');
    expect((await revealPersonalData(filed, vault)).personalData).toEqual({
      subjectId: 'customer-7',
      fields: { name: ERASED, phone: ERASED, idNumber: ERASED, diagnosis: ERASED },
      erased: true,
    });
  });
});

interface Storage {
  store: EventStore;
  keys: SubjectKeyStore;
  /** Every byte of the stored history, as stored. */
  rawHistory: () => Promise<Buffer | string>;
  /** Every byte of the key store, as stored. */
  rawKeys: () => Promise<Buffer | string>;
  /** Closes both stores and opens them again on the same data (a restart). */
  restart: () => Promise<Pick<Storage, 'store' | 'keys'>>;
  dispose: () => Promise<void>;
}

function forgetCustomerScenario(name: string, open: () => Promise<Storage>): void {
  describe(`forgetting a customer: ${name}`, () => {
    let storage: Storage;
    const annId = `customer-${randomUUID()}`;
    const bobId = `customer-${randomUUID()}`;
    const repositoryOn = (store: EventStore, keys: SubjectKeyStore) =>
      new DeciderRepository({
        store,
        streamPrefix: 'claim',
        decider: claim,
        upcasters,
        vault: new PersonalDataVault(keys),
      });

    beforeEach(async () => {
      storage = await open();
      const repository = repositoryOn(storage.store, storage.keys);
      await repository.handle('ann-1', context(), () => fileClaim(annId, ann, 500_00));
      await repository.handle('ann-1', context(), (state) => recordDiagnosis(state, annLaterDiagnosis));
      await repository.handle('bob-1', context(), () => fileClaim(bobId, bob, 80_00));
    });
    afterEach(() => storage.dispose());

    it('never stores plaintext personal data, in the history or the key store', async () => {
      const history = await storage.rawHistory();
      expect(history.includes(annId)).toBe(true); // the scan does see stored data
      expect(containing(history, [...annValues, ...Object.values(bob)])).toEqual([]);
      expect(
        containing(await storage.rawKeys(), [...annValues, ...Object.values(bob), annId, bobId]),
      ).toEqual([]);
    });

    it('erases the forgotten customer everywhere, keeps the other, and history still replays', async () => {
      await new PersonalDataVault(storage.keys).forget(annId);
      const repository = repositoryOn(storage.store, storage.keys);

      const { state: annClaim, revision } = await repository.read('ann-1');
      expect(revision).toBe(1);
      expect(annClaim).toMatchObject({ customerId: annId, amountMinor: 500_00, erased: true });
      expect(annClaim.claimant).toEqual({ name: ERASED, phone: ERASED, idNumber: ERASED, diagnosis: ERASED });
      expect(annClaim.diagnoses).toEqual([ERASED]);
      expect((await repository.read('bob-1')).state).toMatchObject({ claimant: bob, erased: false });

      const history = await storage.rawHistory();
      expect(containing(history, annValues)).toEqual([]);
      expect(containing(await storage.rawKeys(), annValues)).toEqual([]);

      const vault = new PersonalDataVault(storage.keys);
      const replayed = await Promise.all(
        (await storage.store.readAll()).map((e) => revealPersonalData(e, vault)),
      );
      expect(replayed).toHaveLength(3);
      const everything = JSON.stringify(replayed);
      expect(containing(everything, annValues)).toEqual([]);
      expect(containing(everything, Object.values(bob))).toEqual(Object.values(bob));
    });

    it('stays forgotten after a restart', async () => {
      await new PersonalDataVault(storage.keys).forget(annId);
      const { store, keys } = await storage.restart();
      const repository = repositoryOn(store, keys);
      expect((await repository.read('ann-1')).state).toMatchObject({
        erased: true,
        claimant: { name: ERASED },
      });
      expect((await repository.read('bob-1')).state).toMatchObject({ claimant: bob });
    });
  });
}

forgetCustomerScenario('embedded history file and key files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'forget-customer-'));
  const historyFile = join(root, 'history.jsonl');
  const keyDir = join(root, 'keys');
  let current = { store: new EmbeddedEventStore(historyFile), keys: new FileSubjectKeyStore(keyDir) };
  const closeAll = () => Promise.all([current.store.close(), current.keys.close()]);
  return {
    ...current,
    rawHistory: async () => readFileSync(historyFile),
    rawKeys: async () => Buffer.concat(readdirSync(keyDir).map((n) => readFileSync(join(keyDir, n)))),
    restart: async () => {
      await closeAll();
      current = { store: new EmbeddedEventStore(historyFile), keys: new FileSubjectKeyStore(keyDir) };
      return current;
    },
    dispose: async () => {
      await closeAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
});

describeWithPostgres('forgetting a customer: PostgreSQL', () => {
  forgetCustomerScenario('PostgreSQL events table and key table', async () => {
    const eventSchema = freshSchema('pd_events');
    const keySchema = freshSchema('pd_keys');
    const openBoth = async () => ({
      store: await PostgresEventStore.open({ connectionString: postgresUrl, schema: eventSchema }),
      keys: await PostgresSubjectKeyStore.open({ connectionString: postgresUrl, schema: keySchema }),
    });
    let current = await openBoth();
    const closeAll = () => Promise.all([current.store.close(), current.keys.close()]);
    return {
      ...current,
      rawHistory: () => tableAsText(`${pg.escapeIdentifier(eventSchema)}.events`),
      rawKeys: () => tableAsText(`${pg.escapeIdentifier(keySchema)}.subject_keys`),
      restart: async () => {
        await closeAll();
        current = await openBoth();
        return current;
      },
      dispose: async () => {
        await closeAll();
        await Promise.all([dropSchema(eventSchema), dropSchema(keySchema)]);
      },
    };
  });
});
