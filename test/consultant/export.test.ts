import t from 'tap'
import { csvCell } from '../../src/consultant/export.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead } from './fixtures.ts'

/** A minimal RFC 4180 reader, to check the export parses back to what was stored. */
function parseCsv (text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(cell); cell = '' } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++ } else cell += c
  }
  return rows
}

t.test('CSV cells: RFC 4180 quoting and formula neutralisation', async t => {
  const cases: Array<[string | number | boolean | null, string]> = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['line\nfeed', '"line\nfeed"'],
    ['=HYPERLINK("http://evil.test","x")', '"\'=HYPERLINK(""http://evil.test"",""x"")"'],
    ['+33 6 12', "'+33 6 12"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
    ['a=b', 'a=b'],
    [42, '42'],
    [false, 'false'],
    [null, '']
  ]
  for (const [value, expected] of cases) t.equal(csvCell(value), expected, JSON.stringify(value))
})

for (const kind of testDatabases()) {
  t.test(`${kind}: CSV export: BOM, header, filters, quoting and neutralisation round-trip`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const tricky = await insertLead(h.db, { fullName: '=cmd|\' /C calc\'!A0', company: 'Dupont, "Fils" & Cie', details: 'Ligne 1\r\nLigne 2, "citée"\nفي المغرب', email: 'x@example.ma', projectType: 'consulting', capabilities: ['data', 'vision'] })
    await insertLead(h.db, { projectType: 'training' })
    await insertLead(h.db, { status: 'spam', spam: true })
    const res = await h.app.inject({ url: '/api/leads/export.csv?projectType=consulting', headers: h.auth })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/)
    t.match(res.headers['content-disposition'], 'attachment; filename="leads.csv"')
    const raw = res.rawPayload
    t.same([...raw.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'UTF-8 byte-order mark')
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''))
    t.equal(rows.length, 2, 'header + the one matching lead')
    const header = rows[0]!
    const row = Object.fromEntries(header.map((k, i) => [k, rows[1]![i]]))
    t.equal(row.id, tricky)
    t.equal(row.fullName, '\'=cmd|\' /C calc\'!A0', 'formula neutralised')
    t.equal(row.company, 'Dupont, "Fils" & Cie')
    t.equal(row.details, 'Ligne 1\r\nLigne 2, "citée"\nفي المغرب', 'line breaks and Arabic survive')
    t.equal(row.capabilities, 'data;vision')
    t.ok(rows.every(r => r.length === header.length), 'every row has every column')
    const all = parseCsv((await h.app.inject({ url: '/api/leads/export.csv', headers: h.auth })).body.replace(/^\uFEFF/, ''))
    t.equal(all.length, 3, 'spam left out as in the list')
    t.equal(parseCsv((await h.app.inject({ url: '/api/leads/export.csv?spam=any', headers: h.auth })).body.replace(/^\uFEFF/, '')).length, 4)
    t.equal((await h.app.inject({ url: '/api/leads/export.csv?status=nope', headers: h.auth })).statusCode, 400)
  })

  t.test(`${kind}: NDJSON export: one lead per line, same filters`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const ids = [await insertLead(h.db, { score: 10 }), await insertLead(h.db, { score: 90, details: 'ligne\nsuivante' }), await insertLead(h.db, { score: 50 })]
    const res = await h.app.inject({ url: '/api/leads/export.ndjson?sort=score&order=desc&scoreMin=20', headers: h.auth })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/x-ndjson/)
    const lines = res.body.split('\n')
    t.equal(lines.pop(), '', 'ends with a newline')
    const leads = lines.map(l => JSON.parse(l) as { id: string, details: string })
    t.same(leads.map(l => l.id), [ids[1], ids[2]])
    t.equal(leads[0]!.details, 'ligne\nsuivante')
  })
}
