// Load right after start: requests per second in the first 10 s, then in the next 10 s (warm), printed as "first next".
// Usage: node startload.mjs <graphql-url on loopback> <request body>
import autocannon from 'autocannon';

const [url, body] = process.argv.slice(2);
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\//.test(url ?? '')) {
  console.error(`Refusing ${url}: the load test only targets loopback.`);
  process.exit(2);
}
const run = () => autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, duration: 10, connections: 16 });
const first = await run();
const next = await run();
console.log(`${first.requests.average.toFixed(0)} ${next.requests.average.toFixed(0)}`);
