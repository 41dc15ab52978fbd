import { describe, expect, it } from 'vitest';
import { parseCli } from '../../bench/args.ts';
import { jobSpecObject, jobSpecSchema, textKindOf } from '../../src/core/spec.ts';
import { valueOfText } from '../../src/core/spec-text.ts';
import { draftVariants, planOf, type PlanSettings } from '../../src/ui/configure-plan.ts';
import { formatLocation, formatRoute, parseLocation, parseRoute, tabForKey } from '../../src/ui/route.ts';
import { estimateEta, formatClock } from '../../src/ui/run-eta.ts';
import { draftFromSpec, fieldValue, SPEC_DEFAULTS, SPEC_FIELDS } from '../../src/ui/spec-fields.ts';
import * as schema from '../../src/ui/spec-validate.ts';

describe('the address', () => {
  it.each([
    ['', { view: 'configure', runs: [] }, ''],
    ['?view=history', { view: 'history', runs: [] }, '?view=history'],
    ['?view=results&run=12,15', { view: 'results', runs: [12, 15] }, '?view=results&run=12,15'],
    ['?view=serving&run=7', { view: 'serving', runs: [7] }, '?view=serving&run=7'],
  ])('%j is %j and back', (search, route, back) => {
    expect(parseRoute(search)).toEqual(route);
    expect(formatRoute(parseRoute(search))).toBe(back);
  });
  it.each([['?view=nope&run=1'], ['?view=results&run=-1,abc,0']])('ignores what it does not know: %s', (search) => {
    const route = parseRoute(search);
    expect(route.runs).toEqual([]);
  });
  it('moves between tabs with arrows (wrapping), Home and End', () => {
    expect(tabForKey('ArrowRight', 'configure')).toBe('run');
    expect(tabForKey('ArrowLeft', 'configure')).toBe('open');
    expect(tabForKey('ArrowRight', 'history')).toBe('team');
    expect(tabForKey('ArrowRight', 'team')).toBe('open');
    expect(tabForKey('ArrowRight', 'open')).toBe('configure');
    expect(tabForKey('End', 'run')).toBe('open');
    expect(tabForKey('Home', 'serving')).toBe('configure');
    expect(tabForKey('Enter', 'serving')).toBeNull();
  });
});

describe("the results store's paths", () => {
  it.each([
    ['/', '/r/a1b2', '', { view: 'results', runs: [], stored: ['a1b2'] }, '/r/a1b2'],
    ['/', '/r/a1', '?compare=b2', { view: 'results', runs: [], stored: ['a1', 'b2'] }, '/r/a1?compare=b2'],
    ['/fb/', '/fb/r/x_9', '', { view: 'results', runs: [], stored: ['x_9'] }, '/fb/r/x_9'],
    ['/', '/p/web-app/trend', '', { view: 'team', runs: [], team: { project: 'web-app', branch: 'main' } }, '/p/web-app/trend?branch=main'],
    [
      '/',
      '/p/web-app/trend',
      '?branch=feat%2Fx&suite=s&variant=%3Cb%3Ev&metric=ttfb.totalMs&device=gpu',
      { view: 'team', runs: [], team: { project: 'web-app', branch: 'feat/x', suite: 's', variant: '<b>v', metric: 'ttfb.totalMs', device: 'gpu' } },
      '/p/web-app/trend?branch=feat%2Fx&suite=s&variant=%3Cb%3Ev&metric=ttfb.totalMs&device=gpu',
    ],
  ])('under %s, %s%s is %j and back', (base, pathname, search, route, back) => {
    expect(parseLocation(pathname, search, base)).toEqual(route);
    expect(formatLocation(parseLocation(pathname, search, base), base)).toBe(back);
  });
  it.each([['/r/../etc'], ['/r/%2e%2e'], ['/r/A'], ['/r/a/b'], ['/r/a,b'], ['/p/a%2Fb/trend'], ['/p/.x/trend']])('takes %s for no store path (the query decides)', (pathname) => {
    expect(parseLocation(pathname, '?view=history', '/')).toEqual({ view: 'history', runs: [] });
  });
  it('keeps the query routes where the path is the base', () => {
    expect(parseLocation('/', '?view=results&run=3', '/')).toEqual({ view: 'results', runs: [3] });
    expect(formatLocation({ view: 'history', runs: [] }, '/fb/')).toBe('/fb/?view=history');
  });
});

describe('the ETA', () => {
  it('is the mean job time times the jobs left, less what the running job already ran', () => {
    const eta = estimateEta({ startedMs: 0, nowMs: 30_000, jobMs: [10_000, 14_000], remainingJobs: 3, runningForMs: 4_000, budgetSeconds: null });
    expect(eta).toEqual({ elapsedMs: 30_000, plannedLeftMs: 3 * 12_000 - 4_000, budgetLeftMs: null });
  });
  it('is unknown before a job finished, and never past the auto-sampling budget', () => {
    expect(estimateEta({ startedMs: 0, nowMs: 5_000, jobMs: [], remainingJobs: 6, runningForMs: 5_000, budgetSeconds: 60 }).plannedLeftMs).toBeNull();
    const eta = estimateEta({ startedMs: 0, nowMs: 50_000, jobMs: [10_000], remainingJobs: 10, runningForMs: 0, budgetSeconds: 60 });
    expect(eta.budgetLeftMs).toBe(10_000);
    expect(eta.plannedLeftMs).toBe(10_000);
  });
  it.each([[0, '0:00'], [65_000, '1:05'], [3_723_000, '1:02:03']])('%i ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('the Configure view without its schema', () => {
  it('shows the schema\'s defaults before the schema has loaded', () => {
    const fromSchema = draftFromSpec(jobSpecSchema.parse({}));
    expect(draftFromSpec({})).toEqual(fromSchema);
    for (const [name, value] of Object.entries(jobSpecSchema.parse({}))) expect(SPEC_DEFAULTS[name], name).toEqual(value);
  });
  it('has a control for every field of the schema (schemaFields adds any it lacks)', () => {
    expect(schema.schemaFields().map((f) => f.name).sort()).toEqual(Object.keys(jobSpecObject.shape).sort());
    expect(SPEC_FIELDS.map((f) => f.name).sort(), 'the first screen lacks no field').toEqual(Object.keys(jobSpecObject.shape).sort());
  });

  const settings = (patch: Partial<PlanSettings>): PlanSettings => ({
    draft: draftFromSpec({}), fields: SPEC_FIELDS, knobs: [{ field: 'backend', values: 'cpu, wasm' }], presetVariants: null,
    repetitions: '3', threshold: '5%', title: '', budgetMinutes: null, confirmedJobs: new Set(), ...patch,
  });
  it('plans a job module only once the user confirmed its URL', () => {
    const job = settings({ draft: { ...draftFromSpec({}), workload: '', job: 'https://example.test/my-job.js' } });
    const refused = planOf(job, draftVariants(job, schema));
    expect(refused.plan).toBeNull();
    expect(refused.problems).toContain('a job module is code: confirm below that https://example.test/my-job.js may run in this page');
    const confirmed = settings({ draft: job.draft, confirmedJobs: new Set(['https://example.test/my-job.js']) });
    expect(planOf(confirmed, draftVariants(confirmed, schema)).plan?.variants.map((v) => v.spec.job)).toEqual(['https://example.test/my-job.js', 'https://example.test/my-job.js']);
  });
  it('names the variants the same before and after the schema loads, and plans only with it', () => {
    const before = draftVariants(settings({}), null);
    const after = draftVariants(settings({}), schema);
    expect(before.map((v) => v.name)).toEqual(['cpu', 'wasm']);
    expect(after.map((v) => v.name)).toEqual(before.map((v) => v.name));
    expect(planOf(settings({}), before).plan).toBeNull();
    expect(planOf(settings({}), after).plan?.variants.map((v) => v.spec.backend)).toEqual(['cpu', 'wasm']);
  });
  it('reads each field\'s text as the CLI reads the same flag', () => {
    const scalar = SPEC_FIELDS.filter((info) => ['choice', 'text', 'number', 'boolean'].includes(info.field.kind));
    expect(scalar.map((info) => info.name)).toContain('learningRate');
    for (const info of scalar) {
      for (const text of ['64', '.5', ' 1e-3 ', 'true', 'wasm']) {
        expect(fieldValue(info.name, text), `${info.name} ${JSON.stringify(text)}`).toEqual(valueOfText(text, textKindOf(info.name as keyof typeof jobSpecObject.shape)));
      }
    }
  });
  it('makes the variants the CLI makes of the same comma lists, in the same order, with the same tfjs flags', () => {
    const knobs = [{ field: 'backend', values: 'cpu, wasm' }, { field: 'learningRate', values: '.005, .05' }];
    const form = draftVariants(settings({ knobs, draft: { ...draftFromSpec({}), flags: 'WEBGPU_X=.5' } }), schema);
    const cli = parseCli(['--backend', 'cpu,wasm', '--learning-rate', '.005,.05', '--flag', 'WEBGPU_X=.5']).specs;
    expect(form.map((v) => v.spec)).toEqual(cli.map((v) => v.spec));
    expect(form.map((v) => v.name)).toEqual(cli.map((v) => v.name));
    expect(form.map((v) => v.spec?.learningRate)).toEqual([0.005, 0.05, 0.005, 0.05]);
    expect(form[0]?.spec?.flags).toEqual({ WEBGPU_X: 0.5 });
  });
  it('plans auto-sampling with a budget in seconds, and refuses a bad budget or a single variant', () => {
    const auto = settings({ budgetMinutes: '2.5' });
    expect(planOf(auto, draftVariants(auto, schema)).plan?.budgetSeconds).toBe(150);
    const bad = settings({ budgetMinutes: '0' });
    expect(planOf(bad, draftVariants(bad, schema)).problems[0]).toMatch(/budget must be a number of minutes above 0/);
    const single = settings({ budgetMinutes: '5', knobs: [] });
    expect(planOf(single, draftVariants(single, schema)).problems).toContain('auto-sampling needs at least two variants: it adds rounds until every difference is resolved');
  });
});
