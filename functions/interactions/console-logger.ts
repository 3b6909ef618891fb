import type { Logger } from '../core/ports.ts';
import { redactFields } from '../core/redact.ts';

/**
 * One JSON object per line on stdout, which CloudWatch Logs keeps as is. Powertools' Logger is not used
 * here: its import would add to the cold start that Discord's 3-second deadline has to absorb.
 */
export function createConsoleLogger(service = 'herald-interactions'): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const safe = redactFields(fields);
    console.log(JSON.stringify({ level, message, service, timestamp: new Date().toISOString(), ...safe }));
  };
  return {
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
  };
}
