// Every identity code the documentation shows passes the product's own
// checks: a reader who copies an example gets a code the server accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { api, login } from './helpers.mjs';

const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

test('the credit codes and ID-card numbers in the docs are valid', async () => {
  const cookie = await login('nanshi');
  let seen = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [code] of text.matchAll(/\b9[0-9A-HJ-NPQRTUWXY]{17}\b/g)) {
      seen += 1;
      // The server's own check: the create form finds nothing wrong with
      // the code itself (it may be on file: the demo's enterprises use them).
      const res = await api('/api/v1/enterprises', { method: 'POST', cookie, headers: { 'accept-language': 'zh-CN' }, body: { uscc: code } });
      const problem = res.json.error?.fields?.uscc;
      assert.ok(problem === undefined || problem === '已有企业使用这个统一社会信用代码', `${file}: ${code}: ${problem}`);
    }
    for (const [number] of text.matchAll(/\b\d{17}[\dX]\b/g)) {
      seen += 1;
      const res = await api('/api/v1/people', { method: 'POST', cookie, headers: { 'accept-language': 'zh-CN' }, body: { id_card: number } });
      const problem = res.json.error?.fields?.id_card;
      assert.ok(problem === undefined || problem === '已有人员使用这个身份证号码', `${file}: ${number}: ${problem}`);
    }
  }
  assert.ok(seen > 0, 'the docs show at least one code');
});
