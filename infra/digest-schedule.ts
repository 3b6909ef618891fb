/** A digest channel's `digest` key, as the config schema parses it. */
export interface DigestSetting {
  every: string;
  at?: string;
}

const HOURS_A_DAY = 24;
const WEEK_HOURS = 168;

/**
 * The EventBridge Scheduler expression (UTC) of a digest: `every` hours, at `at` where the period allows.
 * Periods that divide a day run at the same minutes each day, from the hour of `at`; a day runs at `at`; a
 * week runs at `at` each Monday; periods of whole days run at `at` every so many days of the month; any
 * other period is a plain rate, from the deploy on.
 */
export function digestScheduleExpression(digest: DigestSetting): string {
  const hours = Number.parseInt(digest.every, 10);
  const [hour = 0, minute = 0] = (digest.at ?? '00:00').split(':').map(Number);
  if (HOURS_A_DAY % hours === 0) {
    const hourField = hours === HOURS_A_DAY ? `${hour}` : `${hour % hours}/${hours}`;
    return `cron(${minute} ${hourField} * * ? *)`;
  }
  if (hours === WEEK_HOURS) return `cron(${minute} ${hour} ? * MON *)`;
  if (hours % HOURS_A_DAY === 0) return `cron(${minute} ${hour} 1/${hours / HOURS_A_DAY} * ? *)`;
  return `rate(${hours} hours)`;
}
