/** pino JSON logs; children carry requestId / workflowId so one package's story can be followed across processes. */
import pino from 'pino';

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  return pino({
    name,
    level,
    // Bodies and tokens never reach the logs; these paths are the ones that could carry them.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'payload', 'body'], censor: '[redacted]' },
  });
}
