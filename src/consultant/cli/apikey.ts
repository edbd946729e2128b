// npm run apikey -- create NAME | list | revoke ID
import { ConfigError, loadConfig } from '../../config.ts'
import { openDatabase } from '../../db/client.ts'
import { migrate } from '../../db/migrate.ts'
import { loadDotEnv } from '../../env-file.ts'
import { createApiKeyStore } from '../api-keys.ts'

const USAGE = 'usage: npm run apikey -- create NAME | list | revoke ID'
const NAME = /^[\p{L}\p{N} ._@-]{1,80}$/u

async function main (args: string[]): Promise<number> {
  const [command, arg] = args
  if (!command || !['create', 'list', 'revoke'].includes(command) || (command !== 'list' && !arg)) {
    console.error(USAGE)
    return 2
  }
  if (command === 'create' && !NAME.test(arg!)) {
    console.error('apikey: NAME is 1 to 80 letters, digits, spaces or . _ @ -')
    return 2
  }
  loadDotEnv()
  const config = loadConfig(process.env)
  await migrate(config.databaseUrl)
  const db = await openDatabase({ url: config.databaseUrl, poolSize: 1 })
  try {
    const keys = createApiKeyStore({ db })
    if (command === 'create') {
      const created = await keys.create(arg!)
      console.log(`created key ${created.id} "${created.name}". It is shown only this once; keep it somewhere safe:`)
      console.log(created.key)
      return 0
    }
    if (command === 'list') {
      const all = await keys.list()
      if (all.length === 0) console.log('no API keys')
      for (const k of all) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'
        console.log(`${k.id}  ${k.prefix}…  ${JSON.stringify(k.name)}  created ${k.createdAt.toISOString()}  last used ${k.lastUsedAt?.toISOString() ?? 'never'}  ${state}`)
      }
      return 0
    }
    if (await keys.revoke(arg!)) {
      console.log(`revoked ${arg}`)
      return 0
    }
    console.error(`apikey: no active key with id ${arg}`)
    return 1
  } finally {
    await db.close()
  }
}

main(process.argv.slice(2)).then(code => { process.exitCode = code }, err => {
  console.error(err instanceof ConfigError ? `apikey: ${err.message}` : err)
  process.exitCode = 1
})
