import { withPreview } from './support/render-trace.ts';
const PORT = 4337;
const rate = Number(process.argv[2] ?? 1);
const field = process.argv[3] ?? 'scenario';
await withPreview(PORT, async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`http://127.0.0.1:${PORT}/playgrounds/tls-round-trips/`);
  await page.locator('section.tc').first().scrollIntoViewIfNeeded();
  await page.locator('section.tc[data-live]').first().waitFor({ timeout: 30_000 });
  const label = field === 'scenario' ? 'Protocol scenario' : 'Round-trip time';
  const values = field === 'scenario' ? ['tls12-full', 'tls13-full'] : ['150', '100'];
  const id = await page.getByLabel(label).first().getAttribute('id');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel', 'v8', 'blink'] });
  await page.evaluate(async ({ id, values }) => {
    const control = document.getElementById(id!) as HTMLSelectElement | HTMLInputElement;
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    for (let i = -3; i < 20; i++) {
      await frame(); await new Promise((r) => setTimeout(r, 20));
      const target = document.querySelector('section.tc .tc-headline')!;
      const before = target.textContent;
      const answered = new Promise<void>((resolve) => { const o = new MutationObserver(() => { if (target.textContent === before) return; o.disconnect(); resolve(); }); o.observe(target, { subtree: true, childList: true, characterData: true }); });
      control.value = values[(i + 3) % 2]!;
      if (i >= 0) performance.mark(`p-${i}`);
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      await answered;
      if (i >= 0) performance.mark(`p-${i}-answer`);
      await frame().then(frame); await new Promise((r) => setTimeout(r, 30));
    }
  }, { id, values });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events: any[] = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const marks = new Map(events.filter((e) => String(e.name).startsWith('p-')).map((e) => [e.name, e]));
  const ends = events.filter((e) => e.name === 'AnimationFrame::Render' && e.ph === 'e').sort((a, b) => a.ts - b.ts);
  const totals = new Map<string, number>();
  for (let i = 0; i < 20; i++) {
    const m = marks.get(`p-${i}`); const a = marks.get(`p-${i}-answer`);
    const end = ends.find((e) => e.ts >= a.ts);
    // self time per event name, within [m, end]
    const inWin = onMain.filter((e) => e.ts >= m.ts && e.ts < end.ts);
    const stack: any[] = [];
    for (const e of inWin) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      if (stack.length) { const p = stack.at(-1); p.self = (p.self ?? p.dur) - e.dur; }
      e.self = e.dur; stack.push(e);
    }
    for (const e of inWin) totals.set(e.name, (totals.get(e.name) ?? 0) + e.self / 1000 / 20);
  }
  console.log([...totals].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, t]) => `${t.toFixed(2).padStart(7)}  ${n}`).join('\n'));
});
