/**
 * A port the OS says is free right now, for test services that must not clash with a running dev stack.
 *
 * Chosen below the kernel's ephemeral range, not by binding port 0: between choosing a port and the service binding it
 * (seconds, for a Temporal server or PostgreSQL), an ephemeral port can be taken by any outgoing connection on the
 * machine, and with test lanes running side by side there are thousands. A test lane (TEST_LANE, bin/test.ts) draws
 * from its own slice of the range, so lanes never choose the same port; within a process a port is handed out once.
 */
import fs from 'node:fs';
import net from 'node:net';

const LOW = 10_000;
const LANE_SLICES = 8;
const given = new Set<number>();

/** Where the kernel's ephemeral ports start (Linux), else the IANA default. */
function ephemeralStart(): number {
  try {
    const first = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > LOW + 1_000 ? first : 49_152;
  } catch {
    return 49_152;
  }
}

function slice(): { from: number; size: number } {
  const size = Math.floor((ephemeralStart() - LOW) / LANE_SLICES);
  const lane = Number(process.env.TEST_LANE ?? 0);
  const n = Number.isInteger(lane) && lane > 0 ? (lane - 1) % LANE_SLICES : LANE_SLICES - 1;
  return { from: LOW + n * size, size };
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function anyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function freePort(): Promise<number> {
  const { from, size } = slice();
  for (let tries = 0; tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * size);
    if (given.has(port)) continue;
    if (await bindable(port)) {
      given.add(port);
      return port;
    }
  }
  return anyPort();
}
