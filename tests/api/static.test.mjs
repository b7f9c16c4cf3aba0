// The web's files: a browser that goes away in the middle of one (it resets
// the connection) leaves the server serving everyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { api, BASE } from './helpers.mjs';

test('a connection reset in the middle of a file does not stop the server', async () => {
  const index = await api('/');
  assert.equal(index.status, 200);
  const scripts = [...index.text.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  assert.ok(scripts.length > 0, 'the page names its scripts');
  const { hostname, port } = new URL(BASE);
  for (let i = 0; i < 20; i += 1) {
    await new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(`GET ${scripts[0]} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      });
      socket.once('data', () => {
        socket.resetAndDestroy();
        resolve();
      });
      socket.once('error', reject);
    });
  }
  await new Promise((r) => setTimeout(r, 300));
  const after = await api('/healthz');
  assert.equal(after.status, 200);
  const asset = await fetch(BASE + scripts[0]);
  assert.equal(asset.status, 200);
  assert.ok((await asset.arrayBuffer()).byteLength > 0);
});
