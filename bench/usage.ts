/** `firstbatch bench --help`. */
import { LOCAL_APP_URL } from './app-url.ts';
import { GPU_ARGS } from './browser.ts';
import { kebab, SPEC_FIELDS } from './spec-flags.ts';

export const USAGE = `usage: firstbatch bench [--suite FILE | job flags | --from FILE] [options]
       (npm run bench -- … in a checkout)

  --suite FILE              a suite file of any kind: comparison, lab, calibration or a serving scenario
                            (bench/suites/*.json; schema bench/suite.schema.json); with no suite and no
                            job flags, bench/suites/default.json runs
  --from FILE               print a saved results file again (table, --markdown, --baseline); runs nothing
  --json FILE               write the results file (schemaVersion 1; rewritten after every round while running)
  --trace FILE              write a Chrome trace-event JSON of every job (open in ui.perfetto.dev or chrome://tracing)
  --markdown FILE           write a Markdown summary (pull-request comment, CI step summary)
  --save-baseline FILE      write the results file for later use as --baseline
  --baseline FILE           compare with a saved run: exit 1 on a significant regression beyond the threshold
  --threshold 5% | 2ms      smallest difference that matters (overrides the suite's)
  --budget 300s | 5m        auto-sampling: add rounds until every difference is resolved or the time is spent
  --repetitions N           interleaved rounds for job flags (a suite sets its own)
  --side-by-side FILE       the base branch's suite: run it and --suite interleaved, each variant paired with
                            its base ("mlp (base)" vs "mlp"); exit 1 on a significant regression beyond the
                            threshold (the CI gate: one run, one machine)
  --trend FILE              a saved run (e.g. main's last) to show the change against; never gates
  --app-url URL             the deployed web app share links point at (default: FIRSTBATCH_APP_URL, else
                            ${LOCAL_APP_URL}, where \`firstbatch serve\` listens)
  --upload URL/p/PROJECT    store the results file in a results store (\`firstbatch server\`) and print its
                            short link (stored: URL/r/ID); the token is --token T or FIRSTBATCH_TOKEN
  --commit SHA, --parent-commit SHA, --branch NAME
                            where the uploaded run came from (default: GITHUB_SHA, GITHUB_HEAD_REF or
                            GITHUB_REF_NAME, else git); the device is read from the results
  --link                    print the long share link too when uploading (it is written beside --json anyway)
  --browser-endpoint [NAME=]URL
                            a remote browser: a Playwright server (ws://…), a CDP endpoint (http://…) or a
                            Selenium Grid 4 (selenium+http://hub:4444); repeat it to fan the suite out over
                            several browsers at once (results and tables per device)
  --connect-timeout 30s     how long a remote browser may take to answer
  --headed                  a visible Chromium window (needs a display)
  --gpu                     flags for hardware WebGPU on Linux (Vulkan): ${GPU_ARGS.join(' ')}
  --chromium-arg=FLAG       a Chromium switch, repeatable (after --gpu's, so it wins)
  --no-build                serve the existing build (dist/)

--json, --markdown and --trace take "-" for standard output (the table then goes to stderr).
Ctrl-C ends a run cleanly: the finished jobs are kept in --json and --markdown. Every file is
written whole or not at all (a temporary file renamed into place).

A flag that does not apply to the suite's kind is an error, never ignored: serving suites take only
--json, --markdown, the browser flags and --no-build; calibration takes no --baseline or --save-baseline.

Job flags (every job-spec field; a comma list runs every combination side by side):
${SPEC_FIELDS.map((field) => `  --${kebab(field)}`).join('\n')}
  --flag NAME=VALUE     a tfjs flag, repeatable (e.g. --flag WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=8)
  --input-shape NAME=1x224x224x3
                        a user model input's shape where the model leaves a dimension unknown, repeatable
                        (dimension 0 takes the batch size)
  --input-range NAME=0..30000
                        the values of a user model input's synthetic data, min..max (max exclusive; integers
                        for int inputs), repeatable

--model and --job take a model.json or a job module (ES module, docs/models.md): a URL, or a local file
whose folder the CLI serves read-only to the page (nothing outside it).

Exit status: 0 when every job succeeded and nothing regressed; 1 when a metric is worse than the
baseline, significantly and by more than the threshold, or when a serving suite finds what it guards against
(a canary to roll back, a drift alarm, no rate meeting the latency target); 2 on any error (bad suite or
flags, browser, a failed job, an upload that failed — the local files are kept then).`;
