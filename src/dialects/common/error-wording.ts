import type { StorageError } from '../../core/errors.js';

/**
 * How a dialect's error table words one core code: a fixed sentence in the vendor's words (core messages
 * are protocol-neutral and meant for the log), or a function of the error (its details, or the message
 * a dialect or auth wrote for this wire).
 */
export type ErrorWording = string | ((error: StorageError) => string);

/** The message the error was raised with, where that message is the specific one the wire should carry. */
export function ownMessage(fallback: string): (error: StorageError) => string {
  return (error) => (hasOwnMessage(error) ? error.message : fallback);
}

/** The wire message of an error under a wording. An internal error never shows its own message. */
export function wordError(wording: ErrorWording, error: StorageError): string {
  return typeof wording === 'string' ? wording : wording(error);
}

function hasOwnMessage(error: StorageError): boolean {
  return error.message !== '' && error.message !== error.code && error.code !== 'InternalError';
}
