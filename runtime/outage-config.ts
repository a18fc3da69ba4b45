/**
 * Settings of the platform-outage rule (issue 15 point 7), read from the environment when used, so each process (API,
 * worker) and each test sees the value in force:
 *  - OUTAGE_GRACE_WORKING_HOURS (default 4, 0–72): a window closing within this many working hours after an outage's
 *    end is extended too. Ours: LKPP's guidance extends a schedule by the length of the disruption but names no
 *    period after it; 4 working hours (half a working day) gives a vendor who lost the time before a deadline the
 *    chance to upload again after the platform is back.
 *  - OUTAGE_RECHECK_SECONDS (default 300): while an ongoing outage holds a closing, how often the package asks again
 *    (normally the outage's end is signalled first).
 *  - OUTAGE_DETECT_AFTER_SECONDS (default 120): a gap in every API process's heartbeat longer than this is an outage.
 *  - HEARTBEAT_EVERY_SECONDS (default 15): how often each API process beats.
 */
import type { OutageSettings } from '../domain/process/outage';

function num(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new RangeError(`${name} must be a number in [${min}, ${max}], got '${raw}'`);
  return v;
}

export interface OutageConfig extends OutageSettings {
  detectAfterMs: number;
  beatEveryMs: number;
}

export function outageConfig(env: NodeJS.ProcessEnv = process.env): OutageConfig {
  return {
    graceWorkingHours: num(env, 'OUTAGE_GRACE_WORKING_HOURS', 4, 0, 72),
    recheckMs: num(env, 'OUTAGE_RECHECK_SECONDS', 300, 1, 86_400) * 1000,
    detectAfterMs: num(env, 'OUTAGE_DETECT_AFTER_SECONDS', 120, 5, 86_400) * 1000,
    beatEveryMs: num(env, 'HEARTBEAT_EVERY_SECONDS', 15, 1, 3_600) * 1000,
  };
}
