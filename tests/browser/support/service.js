// Starts the built CareerGraph service on 127.0.0.1 with a free port and an empty embedded database of its own,
// seeded from the repository's seeds, and stops it again.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const apiProject = join(repoRoot, 'src', 'CareerGraph.Api');

/** The newest built CareerGraph.Api.dll (Debug or Release), or CAREERGRAPH_API_DLL when set. */
function apiAssembly() {
  if (process.env.CAREERGRAPH_API_DLL) return process.env.CAREERGRAPH_API_DLL;
  const candidates = ['Debug', 'Release']
    .map(configuration => join(apiProject, 'bin', configuration, 'net10.0', 'CareerGraph.Api.dll'))
    .filter(path => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0)
    throw new Error(`CareerGraph.Api is not built: run 'dotnet build src/CareerGraph.Api' in ${repoRoot} first.`);
  return candidates[0];
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** `settings` adds environment variables, e.g. an API key: { CareerGraph__Auth__ApiKeys__0__Name: 'ci', … }. */
export async function startService({ readyTimeoutMs = 60_000, settings = {} } = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'careergraph-browser-'));
  const output = [];
  // The built assembly, run directly: one process to stop (dotnet run would leave the app running as its child).
  // The working directory is the project, the service's content root, where the built pages live in wwwroot.
  const child = spawn('dotnet', [apiAssembly()], {
    cwd: apiProject,
    env: {
      ...process.env,
      URLS: baseUrl,
      CareerGraph__Embedded__Path: join(dataDir, 'careergraph.db'),
      CareerGraph__Seeds__LoadOnStart: 'true',
      CareerGraph__Seeds__Path: process.env.CareerGraph__Seeds__Path ?? join(repoRoot, 'seeds'),
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', chunk => output.push(chunk.toString()));
  child.stderr.on('data', chunk => output.push(chunk.toString()));
  const exited = new Promise(resolveExit => child.once('exit', code => resolveExit(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
      if (!done) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The service stopped before it was ready (exit ${child.exitCode}):\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/ready`);
      if (response.ok) return { baseUrl, stop, output };
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  await stop();
  throw new Error(`The service was not ready within ${readyTimeoutMs} ms:\n${output.join('')}`);
}

/** Asks the service a GraphQL question directly, to compare what the pages show with what the API says. */
export async function graphql(baseUrl, query, variables = {}, headers = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export const delay = ms => new Promise(resolveDelay => setTimeout(resolveDelay, ms));
