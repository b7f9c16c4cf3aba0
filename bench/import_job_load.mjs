// The load of bench/import-job.sh: a people import of ROWS rows as a
// background job (as nanshi) while CLIENTS clients log visits (as zhenzhang,
// to an entrepreneur he is paired with) as fast as they are answered. Prints
// the visits' latencies during the import (p50, p99, max), how many were
// refused, and the import's rows/s.
//   node bench/import_job_load.mjs BASE_URL ROWS CLIENTS
const [base, rowsArg, clientsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 200000);
const CLIENTS = Number(clientsArg ?? 16);

async function signIn(username) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'shuanglun' },
    body: JSON.stringify({ username, password: 'shuanglun' }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

const town = await signIn('nanshi');
const leader = await signIn('zhenzhang');
const pairings = await (await fetch(`${base}/api/v1/pairings?level=1&page_size=1`, { headers: { cookie: leader } })).json();
const target = pairings.items[0].target.id;

const stamp = Date.now().toString(36);
const lines = ['姓名,所属区划'];
for (let i = 0; i < ROWS; i += 1) lines.push(`压测${stamp}${i},431127103224`);
const file = lines.join('\n');

let importing = true;
const latencies = [];
let refused = 0;
async function client() {
  while (importing) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/contacts`, {
      method: 'POST', headers: { cookie: leader, 'content-type': 'application/json', 'x-requested-with': 'shuanglun' },
      body: JSON.stringify({ target_kind: 'person', target: String(target), occurred_on: '2023-03-01', kind: 'visit', notes: '压测' }),
    });
    await res.arrayBuffer();
    if (importing) {
      if (res.status === 201) latencies.push(performance.now() - t0);
      else refused += 1;
    }
  }
}

const t0 = performance.now();
const posted = await fetch(`${base}/api/v1/imports?kind=people&dry_run=false&filename=load.csv`, {
  method: 'POST', headers: { cookie: town, 'content-type': 'text/csv', 'x-requested-with': 'shuanglun' }, body: file,
});
const { job } = await posted.json();
if (posted.status !== 202) throw new Error(`import: ${posted.status}`);
const clients = Array.from({ length: CLIENTS }, client);
let state;
for (;;) {
  state = await (await fetch(`${base}/api/v1/jobs/${job.id}`, { headers: { cookie: town } })).json();
  if (state.state === 'done' || state.state === 'failed') break;
  await new Promise((r) => setTimeout(r, 200));
}
const seconds = (performance.now() - t0) / 1000;
importing = false;
await Promise.all(clients);
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({
  rows: ROWS, job: state.state, saved: state.result?.saved, import_s: Number(seconds.toFixed(1)),
  rows_per_s: Math.round(ROWS / seconds), visits: latencies.length, refused,
  p50_ms: Number(at(0.5).toFixed(1)), p99_ms: Number(at(0.99).toFixed(1)), max_ms: Number(at(1).toFixed(1)),
}));
