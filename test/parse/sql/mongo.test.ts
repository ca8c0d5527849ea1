import { describe, expect, it } from 'vitest';
import { analyzeMongoScript, loadMongoParser, type MongoOperation } from '../../../src/parse/sql/mongo.js';

await loadMongoParser();

const kinds = (js: string): string[] => analyzeMongoScript(js).operations.map((o) => o.kind);
const first = (js: string): MongoOperation | undefined => analyzeMongoScript(js).operations[0];

describe('analyzeMongoScript', () => {
  it('finds db.dropDatabase()', () => {
    expect(first('db.dropDatabase()')).toMatchObject({ kind: 'drop-database', text: 'db.dropDatabase()', pos: 0, end: 17 });
  });

  it('names the database of getSiblingDB(…).dropDatabase()', () => {
    expect(first("db.getSiblingDB('billing').dropDatabase()")).toMatchObject({ kind: 'drop-database', database: 'billing' });
  });

  it('follows `use` to the database that is dropped', () => {
    expect(first('use production\ndb.dropDatabase()')).toMatchObject({ kind: 'drop-database', database: 'production' });
  });

  it('finds collection drops in every spelling', () => {
    const ops = analyzeMongoScript("db.users.drop(); db.getCollection('orders').drop(); db['carts'].drop(); db.getSiblingDB('x').logs.drop()").operations;
    expect(ops.map((o) => [o.kind, o.collection])).toEqual([
      ['drop-collection', 'users'],
      ['drop-collection', 'orders'],
      ['drop-collection', 'carts'],
      ['drop-collection', 'logs'],
    ]);
    expect(ops[3]?.database).toBe('x');
  });

  it('treats an empty or missing filter as deleting everything', () => {
    expect(kinds('db.users.deleteMany({})')).toEqual(['delete-all']);
    expect(kinds('db.users.deleteMany()')).toEqual(['delete-all']);
    expect(kinds('db.users.remove({})')).toEqual(['delete-all']);
    expect(kinds('db.users.deleteMany({ _id: { $exists: true } })')).toEqual(['delete-all']);
  });

  it('tells a filtered delete from a wholesale one', () => {
    expect(kinds('db.users.deleteMany({ active: false })')).toEqual(['delete']);
    expect(kinds('db.users.deleteOne({})')).toEqual(['delete']);
    expect(kinds('db.users.remove({}, true)')).toEqual(['delete']);
  });

  it('finds updateMany({}, …) and update({}, …, {multi: true})', () => {
    expect(kinds('db.users.updateMany({}, { $set: { plan: "free" } })')).toEqual(['update-all']);
    expect(kinds('db.users.update({}, { $unset: { email: 1 } }, { multi: true })')).toEqual(['update-all']);
    expect(kinds('db.users.updateMany({ plan: "trial" }, { $set: { plan: "free" } })')).toEqual(['other']);
  });

  it('reads runCommand and bulkWrite forms', () => {
    expect(kinds('db.runCommand({ dropDatabase: 1 })')).toEqual(['drop-database']);
    expect(first("db.runCommand({ drop: 'users' })")).toMatchObject({ kind: 'drop-collection', collection: 'users' });
    expect(kinds('db.users.bulkWrite([{ deleteMany: { filter: {} } }])')).toEqual(['delete-all']);
  });

  it('does not take strings or comments for calls', () => {
    expect(kinds('print("db.dropDatabase()"); // db.users.drop()\n/* db.x.deleteMany({}) */')).toEqual([]);
    expect(kinds('const s = `db.dropDatabase()`; db.users.find({})')).toEqual([]);
  });

  it('counts a reference to dropDatabase that is called later through a variable', () => {
    expect(kinds('const f = db.dropDatabase; f.call(db)')).toEqual(['drop-database']);
  });

  it('finds calls inside functions, loops and await', () => {
    expect(kinds('for (const c of db.getCollectionNames()) { db[c].drop() }')).toEqual(['drop-collection']);
    expect(kinds('await db.users.deleteMany({})')).toEqual(['delete-all']);
  });

  it('analyses eval of a constant string and refuses code it cannot see', () => {
    expect(kinds('eval("db.dropDatabase()")')).toEqual(['drop-database']);
    expect(analyzeMongoScript('eval(code)').errors[0]?.message).toMatch(/eval/);
    expect(analyzeMongoScript("load('wipe.js')").errors[0]?.message).toMatch(/load\(\)/);
    expect(analyzeMongoScript("db['drop' + 'Database']()").errors[0]?.message).toMatch(/computed/);
  });

  it('reports a script that does not parse as an error', () => {
    const result = analyzeMongoScript('db.users.drop(');
    expect(result.operations).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.pos).toBeGreaterThan(0);
  });

  it('accepts shell helpers and harmless scripts', () => {
    const result = analyzeMongoScript('show dbs\nuse app\ndb.users.find({ active: true }).count()');
    expect(result).toEqual({ operations: [], errors: [] });
  });
});
