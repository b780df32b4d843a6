/** The part of a writable stream {@link endOnClosedPipe} needs. */
export interface ErrorSource {
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

/**
 * Ends the command quietly when the reader of `stream` goes away (`dangwu demo | head` closes the pipe
 * after ten lines): `exit(0)` instead of an unhandled EPIPE error with its stack. Other errors are thrown.
 * The demo stays resumable: every commit it made is in the file.
 */
export function endOnClosedPipe(stream: ErrorSource, exit: (code: number) => void): void {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
