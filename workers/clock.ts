// The probe is shared with the page (src/client/isolation.ts): one definition of "timer resolution".
export { measureTimerResolutionMs } from '../src/core/clock.ts';
