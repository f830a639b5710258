import type { ErrorCode } from '@contract';
import type zh from '../zh-CN/errors';

const codes: Record<ErrorCode, string> = {
  app: 'The server refused the request',
  widget: 'The server sent an unexpected response',
  empty_response: 'The server sent an empty response, please try again later',
  not_json: 'The server sent something unreadable; check the server address',
  unauthorized: 'Your session expired, please sign in again',
  forbidden: 'This account is not permitted to use this',
  server: 'The server had an error, please try again later',
  transport: 'Cannot reach the server; check your network connection and the server address',
  timeout: 'The server took too long to answer, please try again later',
  malformed: 'The server sent data in an unexpected shape',
  busy: 'The server is busy, please try again in a moment',
  redirected: 'The server redirected the request (to a sign-in page?); sign in again or check the server address',
  too_large: 'The reply from the server was too large and was not read; check the server address',
  invalid_input: 'The input is not valid',
  unknown_route: 'Internal error: unknown operation',
  forbidden_sender: 'Internal error: request origin not allowed',
  not_configured: 'No server address yet; set one in Settings first',
  sms_unavailable: 'This server only sends SMS codes to signed-in users, so SMS sign-in is unavailable',
  wrong_code: 'The code is wrong or has expired',
  no_pending_login: 'This sign-in is no longer pending; get a new code',
  url_refused: 'This link failed the safety check and was not opened',
  insufficient_balance: 'Your balance is not enough for this',
  refused: 'The platform refused this submission; nothing was created or charged',
  not_found: 'Not found: it may have been removed; refresh and try again',
  insecure_server: 'Plain http to this address has not been confirmed, so nothing was sent to it',
  internal: 'Internal error',
};

export default {
  errors: {
    ...codes,
    withDetail: '{text} ({detail})',
    busyFor: 'The server is busy, please try again in {seconds} s',
  },
} satisfies typeof zh;
