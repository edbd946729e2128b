import pg from 'pg'

// Prisma's wasm schema engine reads catalog columns of type `name` (OID 19), which
// @prisma/adapter-pg 6.19 cannot map (prisma/orm#27403); reporting them as text (OID 25) lets
// `migrate deploy` run. Used for migrations only.
const PG_NAME = 19
const PG_TEXT = 25

function nameAsText<T> (result: T): T {
  for (const r of [result].flat() as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === PG_NAME) f.dataTypeID = PG_TEXT
  }
  return result
}

export class NameAsTextClient extends pg.Client {
  // pg's Pool calls query with a callback; direct callers use the promise form.
  override query (config: any, values?: any, cb?: any): any {
    if (typeof values === 'function') { cb = values; values = undefined }
    if (typeof cb === 'function') {
      return super.query(config, values, (err: Error, res: unknown) => cb(err, err ? res : nameAsText(res)))
    }
    const p: any = super.query(config, values)
    return p && typeof p.then === 'function' ? p.then(nameAsText) : p
  }
}
