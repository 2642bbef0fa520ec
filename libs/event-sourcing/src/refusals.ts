/**
 * Application-layer refusals, answered by the HTTP host as problems: the application layer
 * throws these (or a DomainRuleViolation, 422) and never a framework's HTTP exception.
 */
export class NotFoundRefusal extends Error {
  override readonly name = 'NotFoundRefusal';
  /** @param title the problem's title, when a client should tell this case apart */
  constructor(
    message: string,
    readonly title = 'Not Found',
  ) {
    super(message);
  }
}

/** The thing existed but can no longer be given out, e.g. a document of a forgotten customer. */
export class GoneRefusal extends Error {
  override readonly name = 'GoneRefusal';
  constructor(
    message: string,
    readonly title = 'Gone',
  ) {
    super(message);
  }
}

/** A request whose fields are wrong in a way only the application can see (400, with field paths). */
export class InvalidInputRefusal extends Error {
  override readonly name = 'InvalidInputRefusal';
  constructor(
    message: string,
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}
