// Memory once every career has been read: 8 clients ask for careers in turn (each with its aliases, skills with
// importance, see-also and industries) for the given seconds, and the service's RSS is read every 15 s.
// Prints one JSON line: requests, errors, req/s, RSS samples in MB (when started, every 15 s, at the end), peak RSS.
// Usage: node soak.mjs <graphql-url on loopback> <seconds> <file with a JSON array of career ids> <service pid>
// Run the service with CareerGraph__ResponseCache__Enabled=false and CareerGraph__Limits__RateLimit__PermitLimit=0.
import { readFileSync } from 'node:fs';

const [url, seconds, idsFile, pid] = process.argv.slice(2);
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\//.test(url ?? '')) {
  console.error(`Refusing ${url}: the soak only targets loopback.`);
  process.exit(2);
}
const ids = JSON.parse(readFileSync(idsFile, 'utf8'));
const status = (field) => Math.floor(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))[1]) / 1024);
const samples = [status('VmRSS')];
const timer = setInterval(() => samples.push(status('VmRSS')), 15_000);
const end = Date.now() + Number(seconds) * 1000;
let requests = 0;
let errors = 0;

async function client(start) {
  // A stride prime to most list lengths, so each client walks all the ids in its own order.
  for (let i = start; Date.now() < end; i = (i * 7919 + 13) % ids.length) {
    const query = `{ career(id: ${JSON.stringify(ids[i])}) { name aliases skills { importance skill { name } } seeAlso { weight career { name } } industries { name } } }`;
    const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
      .then((response) => response.text(), () => '');
    if (!text.includes('"data"') || text.includes('"errors"')) errors++;
    requests++;
  }
}

await Promise.all(Array.from({ length: 8 }, (_, i) => client(i)));
clearInterval(timer);
samples.push(status('VmRSS'));
console.log(JSON.stringify({ requests, errors, perSecond: Math.round(requests / Number(seconds)), rssMB: samples, peakMB: status('VmHWM') }));
