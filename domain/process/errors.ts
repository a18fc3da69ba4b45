/**
 * Why a step was refused. The workflow's update validator throws these (as ApplicationFailure type 'StepRefused'),
 * and the API turns `status` into the HTTP status: 403 wrong role or not assigned, 409 not the current stage or the
 * window is closed, 422 invalid payload or a broken rule. A refused step never enters the workflow history.
 */
/** 503: the package cannot take a step just now (it is handing over to its next run); the same step may be sent again. */
export type RefusalStatus = 403 | 404 | 409 | 422 | 503;

export class StepRefused extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StepRefused';
  }
}
