import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchAlerts, fetchSeries, fetchTrend } from '../../client/store-api.ts';
import type { AlertList, SeriesKey, SeriesList, Trend } from '../../core/store/api.ts';
import type { TeamQuery } from '../route.ts';

export type SeriesEntry = SeriesList['series'][number];

/** The metric a trend opens on when the address names none: time to first batch, the product's headline. */
const FIRST_METRIC = 'ttfb.totalMs';

const keyText = (key: SeriesKey | null): string => (key ? JSON.stringify([key.suite, key.variant, key.metric, key.device]) : '');

/**
 * The Team view's reads from the results store: a project's series along a branch, the trend of
 * the series the query names (or the first one that fits what it names), and the project's
 * alerts. Each is a @lit/task that reruns when the query changes, aborting the request it
 * replaces, so the host renders pending / the error / the data.
 */
export class TeamController implements ReactiveController {
  private query: TeamQuery | null = null;
  readonly series: Task<[string, string], SeriesList | null>;
  readonly trend: Task<[string, string, string], Trend | null>;
  readonly alerts: Task<[string], AlertList | null>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    this.series = new Task(host, {
      task: ([project, branch], { signal }) => (project ? fetchSeries(project, branch, signal) : Promise.resolve(null)),
      args: () => [this.query?.project ?? '', this.query?.branch ?? ''],
    });
    this.trend = new Task(host, {
      task: ([project, branch], { signal }) => {
        const key = this.selected();
        return project && key ? fetchTrend(project, branch, key, signal) : Promise.resolve(null);
      },
      args: () => [this.query?.project ?? '', this.query?.branch ?? '', keyText(this.selected())],
    });
    this.alerts = new Task(host, {
      task: ([project], { signal }) => (project ? fetchAlerts(project, signal) : Promise.resolve(null)),
      args: () => [this.query?.project ?? ''],
    });
  }

  hostConnected(): void {}

  /** Shows a project's series (the host calls this when its query changes). */
  show(query: TeamQuery | null): void {
    this.query = query;
    this.host.requestUpdate();
  }

  /** The series of the loaded list that the query's suite and device allow (all when it names none). */
  candidates(): SeriesEntry[] {
    const list = this.series.value?.series ?? [];
    const suite = this.query?.suite ?? list[0]?.suite;
    const device = this.query?.device ?? list.find((s) => s.suite === suite)?.device;
    return list.filter((s) => s.suite === suite && s.device === device);
  }

  /** The series whose trend is shown: the one the query names, else the first that fits its suite and device. */
  selected(): SeriesKey | null {
    const candidates = this.candidates();
    const q = this.query;
    const named = candidates.find((s) => s.variant === q?.variant && s.metric === q?.metric);
    const metric = q?.metric ?? FIRST_METRIC;
    const chosen = named ?? candidates.find((s) => s.metric === metric && s.points > 0) ?? candidates.find((s) => s.points > 0) ?? candidates[0];
    return chosen ? { suite: chosen.suite, variant: chosen.variant, metric: chosen.metric, device: chosen.device } : null;
  }
}
