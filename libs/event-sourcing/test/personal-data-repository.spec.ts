import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  AggregateRepository,
  CommandContext,
  DomainEvent,
  ERASED,
  EmbeddedEventStore,
  EventSourcedAggregate,
  EventStore,
  FileSubjectKeyStore,
  InMemorySubjectKeyStore,
  PERSONAL_DATA_KEY,
  PersonalDataVault,
  PersonalDataWithoutVaultError,
  PostgresEventStore,
  PostgresSubjectKeyStore,
  SubjectKeyStore,
  UpcasterRegistry,
  newEvent,
  revealPersonalData,
  sealPersonalData,
} from '../src';
import { describeWithPostgres, dropSchema, freshSchema, postgresUrl, tableAsText } from './postgres-available';

interface Claimant {
  name: string;
  phone: string;
  idNumber: string;
  diagnosis: string;
}

interface ClaimFiled {
  customerId: string;
  amountMinor: number;
}

/** A claim holding its claimant's personal data, as services' aggregates will. */
class Claim extends EventSourcedAggregate {
  customerId = '';
  amountMinor = 0;
  claimant: Record<string, unknown> = {};
  diagnoses: unknown[] = [];
  erased = false;

  static file(id: string, customerId: string, claimant: Claimant, amountMinor: number): Claim {
    const claim = new Claim(id);
    claim.apply({
      type: 'ClaimFiled',
      schemaVersion: 2,
      data: { customerId, amountMinor },
      personalData: { subjectId: customerId, fields: { ...claimant } },
    });
    return claim;
  }

  recordDiagnosis(diagnosis: string): void {
    this.apply({
      type: 'DiagnosisRecorded',
      schemaVersion: 1,
      data: {},
      personalData: { subjectId: this.customerId, fields: { diagnosis } },
    });
  }

  onClaimFiled(event: DomainEvent<ClaimFiled>): void {
    this.customerId = event.data.customerId;
    this.amountMinor = event.data.amountMinor;
    this.claimant = { ...event.personalData?.fields };
    this.erased = event.personalData?.erased ?? false;
  }

  onDiagnosisRecorded(event: DomainEvent): void {
    this.diagnoses.push(event.personalData?.fields.diagnosis);
  }
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

describe('AggregateRepository with personal data', () => {
  let store: EmbeddedEventStore;
  let vault: PersonalDataVault;
  let repository: AggregateRepository<Claim>;
  const create = (id: string) => new Claim(id);

  beforeEach(() => {
    store = new EmbeddedEventStore(null);
    vault = new PersonalDataVault(new InMemorySubjectKeyStore());
    repository = new AggregateRepository(store, 'claim', create, upcasters, undefined, vault);
  });
  afterEach(() => store.close());

  it('stores personal data only sealed, and reads it back into event.personalData', async () => {
    await repository.save(Claim.file('c1', 'customer-1', ann, 120_00), context());
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

    const loaded = await repository.load('c1');
    expect(loaded).toMatchObject({ customerId: 'customer-1', amountMinor: 120_00, claimant: ann, erased: false });
  });

  it('refuses to save personal data without a vault, storing nothing', async () => {
    const plain = new AggregateRepository(store, 'claim', create, upcasters);
    const claim = Claim.file('c2', 'customer-2', ann, 1);
    await expect(plain.save(claim, context())).rejects.toBeInstanceOf(PersonalDataWithoutVaultError);
    expect(await store.readAll()).toEqual([]);
    expect(claim.getUncommittedEvents()).toHaveLength(1);
  });

  it('refuses to load sealed personal data without a vault', async () => {
    await repository.save(Claim.file('c3', 'customer-3', ann, 1), context());
    const plain = new AggregateRepository(store, 'claim', create, upcasters);
    await expect(plain.load('c3')).rejects.toBeInstanceOf(PersonalDataWithoutVaultError);
  });

  it('refuses data that uses the reserved key itself', async () => {
    const claim = new Claim('c4');
    claim.apply({ type: 'ClaimFiled', schemaVersion: 2, data: { [PERSONAL_DATA_KEY]: { name: 'Ann' } } });
    await expect(repository.save(claim, context())).rejects.toThrow(/reserved/);
    expect(await store.readAll()).toEqual([]);
  });

  it('upcasts old events and keeps their personal data', async () => {
    const old = await sealPersonalData(
      { type: 'ClaimFiled', data: { customerId: 'customer-5', amount: 12 }, personalData: { subjectId: 'customer-5', fields: { ...ann } } },
      vault,
    );
    await store.append('claim-c5', [newEvent({ ...old, schemaVersion: 1 }, context())], 'no_stream');
    expect(await repository.load('c5')).toMatchObject({ amountMinor: 1200, claimant: ann });
  });

  it('treats a retried command as done, although each sealing uses a new IV', async () => {
    const ctx = context();
    await repository.save(Claim.file('c6', 'customer-6', ann, 1), ctx);
    await repository.save(Claim.file('c6', 'customer-6', ann, 1), ctx);
    expect(await store.readStream('claim-c6')).toHaveLength(1);
  });

  it('reveals stored envelopes for projections, and leaves events without personal data alone', async () => {
    await repository.save(Claim.file('c7', 'customer-7', ann, 1), context());
    await store.append('other-1', [newEvent({ type: 'Pinged', schemaVersion: 1, data: { n: 1 } }, context())], 'no_stream');
    const [claim, other] = await store.readAll();
    const revealed = await revealPersonalData<ClaimFiled>(claim, vault);
    expect(revealed.data).toEqual({ customerId: 'customer-7', amountMinor: 1 });
    expect(revealed.personalData).toEqual({ subjectId: 'customer-7', fields: ann });
    expect(await revealPersonalData(other, vault)).toBe(other);
    expect(await revealPersonalData(other, undefined)).toBe(other);

    await vault.forget('customer-7');
    expect((await revealPersonalData(claim, vault)).personalData).toEqual({
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
      new AggregateRepository(store, 'claim', (id) => new Claim(id), upcasters, undefined, new PersonalDataVault(keys));

    beforeEach(async () => {
      storage = await open();
      const repository = repositoryOn(storage.store, storage.keys);
      await repository.save(Claim.file('ann-1', annId, ann, 500_00), context());
      const annClaim = await repository.load('ann-1');
      annClaim.recordDiagnosis(annLaterDiagnosis);
      await repository.save(annClaim, context());
      await repository.save(Claim.file('bob-1', bobId, bob, 80_00), context());
    });
    afterEach(() => storage.dispose());

    it('never stores plaintext personal data, in the history or the key store', async () => {
      const history = await storage.rawHistory();
      expect(history.includes(annId)).toBe(true); // the scan does see stored data
      expect(containing(history, [...annValues, ...Object.values(bob)])).toEqual([]);
      expect(containing(await storage.rawKeys(), [...annValues, ...Object.values(bob), annId, bobId])).toEqual([]);
    });

    it('erases the forgotten customer everywhere, keeps the other, and history still replays', async () => {
      await new PersonalDataVault(storage.keys).forget(annId);
      const repository = repositoryOn(storage.store, storage.keys);

      const annClaim = await repository.load('ann-1');
      expect(annClaim).toMatchObject({ customerId: annId, amountMinor: 500_00, erased: true, revision: 1 });
      expect(annClaim.claimant).toEqual({ name: ERASED, phone: ERASED, idNumber: ERASED, diagnosis: ERASED });
      expect(annClaim.diagnoses).toEqual([ERASED]);
      expect(await repository.load('bob-1')).toMatchObject({ claimant: bob, erased: false });

      const history = await storage.rawHistory();
      expect(containing(history, annValues)).toEqual([]);
      expect(containing(await storage.rawKeys(), annValues)).toEqual([]);

      const vault = new PersonalDataVault(storage.keys);
      const replayed = await Promise.all((await storage.store.readAll()).map((e) => revealPersonalData(e, vault)));
      expect(replayed).toHaveLength(3);
      const everything = JSON.stringify(replayed);
      expect(containing(everything, annValues)).toEqual([]);
      expect(containing(everything, Object.values(bob))).toEqual(Object.values(bob));
    });

    it('stays forgotten after a restart', async () => {
      await new PersonalDataVault(storage.keys).forget(annId);
      const { store, keys } = await storage.restart();
      const repository = repositoryOn(store, keys);
      expect(await repository.load('ann-1')).toMatchObject({ erased: true, claimant: { name: ERASED } });
      expect(await repository.load('bob-1')).toMatchObject({ claimant: bob });
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
