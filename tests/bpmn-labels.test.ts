/**
 * The exported diagrams as a reader sees them: every definition version the API serves is drawn by bpmn-js (the
 * viewer the console uses) in Chromium, and the text of every external label (events, gateways, named flows) is
 * measured where the browser drew it. No label may cover another label or a shape other than its own element, and
 * no label or name shows a raw variable name (a data path, a snake_case id or a role code).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toBpmnXml } from '../domain/bpmn/export';
import { REPO_ROOT } from '../runtime/config';
import { listDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';
import { launchChromium, shot } from './support/browser';

interface Drawn {
  labels: { target: string; host?: string; text: string; x: number; y: number; w: number; h: number }[];
  shapes: { id: string; type: string; name: string; x: number; y: number; w: number; h: number }[];
}

/** Runs in the page: imports the XML into a fresh viewer and reads back what it drew. */
const DRAW = `async (xml) => {
  const c = document.getElementById('c');
  c.innerHTML = '';
  const viewer = new window.BpmnJS({ container: c });
  await viewer.importXML(xml);
  const reg = viewer.get('elementRegistry');
  const labels = [], shapes = [];
  for (const e of reg.getAll()) {
    if (e.type === 'label') {
      const t = reg.getGraphics(e).querySelector('text');
      if (!t || !t.textContent) continue;
      const b = t.getBBox();
      labels.push({ target: e.labelTarget.id, host: e.labelTarget.host && e.labelTarget.host.id, text: e.labelTarget.businessObject.name || '',
        x: e.x + b.x, y: e.y + b.y, w: b.width, h: b.height });
    } else if (e.type === 'bpmn:SubProcess') {
      // An event subprocess's name is drawn inside its frame: it must not run into the nodes inside.
      const t = reg.getGraphics(e).querySelector('text');
      const b = t.getBBox();
      labels.push({ target: e.id, text: e.businessObject.name || '', x: e.x + b.x, y: e.y + b.y, w: b.width, h: b.height });
      shapes.push({ id: e.id, type: e.type, name: '', x: e.x, y: e.y, w: e.width, h: e.height });
    } else if (!e.waypoints && e.parent && e.type !== 'bpmn:Process') {
      shapes.push({ id: e.id, type: e.type, name: (e.businessObject && e.businessObject.name) || '', x: e.x, y: e.y, w: e.width, h: e.height });
    }
  }
  window.__viewer = viewer;
  return { labels, shapes };
}`;

const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A data path (contract.durationDays), a snake_case id (pa_kpa) or a camelCase name (durationFrom). */
const RAW_NAME = /\b[a-z]+(?:[._][a-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z]*\b/;

function problems(d: Drawn): string[] {
  const out: string[] = [];
  d.labels.forEach((l, i) => {
    for (const m of d.labels.slice(i + 1)) if (overlap(l, m)) out.push(`label "${l.text}" (${l.target}) covers label "${m.text}" (${m.target})`);
    for (const s of d.shapes) {
      if (s.id === l.target || s.id === l.host || s.type === 'bpmn:SubProcess') continue;
      if (overlap(l, s)) out.push(`label "${l.text}" (${l.target}) covers ${s.id}`);
    }
    if (RAW_NAME.test(l.text)) out.push(`label "${l.text}" (${l.target}) shows a variable name`);
  });
  for (const s of d.shapes) if (RAW_NAME.test(s.name)) out.push(`${s.id} "${s.name}" shows a variable name`);
  return out;
}

describe('BPMN labels as bpmn-js draws them', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<!doctype html><html lang="id"><body><div id="c" style="width:1500px;height:900px"></div></body></html>');
    await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js') });
  });
  after(async () => browser?.close());

  const draw = async (xml: string) => page.evaluate<Drawn>(`(${DRAW})(${JSON.stringify(xml)})`);
  const current = listDefinitions();
  const all = [...current, ...RETIRED.filter((r) => !current.some((d) => d.id === r.id && d.version === r.version))];
  for (const def of all) {
    test(`${def.id} v${def.version}: no label covers anything, no variable names`, async (t) => {
      const drawn = await draw(await toBpmnXml(def));
      assert.ok(drawn.labels.length > 0, 'labels were drawn');
      assert.deepEqual(problems(drawn), []);
      t.diagnostic(`${drawn.labels.length} labels, 0 overlaps`);
    });
  }

  test('pictures of one diagram at full size (its start and its award part)', async () => {
    await draw(await toBpmnXml(current.find((d) => d.id === 'tender-prakualifikasi')!));
    for (const [name, x] of [
      ['start', 0],
      ['award', 1900],
    ] as const) {
      await page.evaluate(`window.__viewer.get('canvas').viewbox({ x: ${x}, y: 0, width: 1500, height: 900 })`);
      await shot(page, `bpmn-tender-prakualifikasi-${name}`);
    }
  });

  // Negative control: the same check finds the overlaps of labels left where the viewer puts them by default.
  test('labels without placed bounds are found covering things', async () => {
    const def = current.find((d) => d.id === 'tender-prakualifikasi')!;
    const xml = (await toBpmnXml(def)).replace(/<bpmndi:BPMNLabel>\s*<dc:Bounds[^>]*\/>\s*<\/bpmndi:BPMNLabel>/g, '');
    assert.ok(problems(await draw(xml)).length > 0);
  });
});
