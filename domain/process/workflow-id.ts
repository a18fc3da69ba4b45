/**
 * The Temporal workflow id of a package: one convention for everyone who starts, signals or reads a package's
 * workflow (the API, follow-ups, a tender's E-Kontrak child, the read model). Pure and free of node imports, so the
 * workflow bundle can import it: a child's id is computed in workflow code and must come out the same on replay.
 */
export const workflowIdOf = (packageId: string): string => `paket-${packageId}`;
