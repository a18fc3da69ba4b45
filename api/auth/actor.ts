import type { Role } from './roles';

// Who is making a request. Only ever built from a verified token (verifier.ts),
// never from request bodies or headers the client controls.
export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  /** Organisation id: the OPD / satuan kerja for officials, the company for a penyedia. */
  org: string;
}

// Lets handlers read req.actor with its type after authenticate()/optionalAuth().
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's Request is declared in this global namespace
  namespace Express {
    interface Request {
      actor?: Actor;
    }
  }
}
