import type { ErrorCode } from '@contract';

/**
 * One sentence per contract ErrorCode. `app`, `widget` and `wrong_code` are fallbacks only:
 * for those codes the platform's own text is shown as written (see i18n/errors.ts).
 */
const codes: Record<ErrorCode, string> = {
  app: '服务器拒绝了该请求',
  widget: '服务器返回了异常响应',
  empty_response: '服务器返回了空响应，请稍后重试',
  not_json: '服务器返回的内容无法识别，请确认服务器地址是否正确',
  unauthorized: '登录已过期，请重新登录',
  forbidden: '当前账号无权使用此功能',
  server: '服务器出错，请稍后重试',
  transport: '无法连接到服务器，请检查网络连接和服务器地址',
  timeout: '服务器响应超时，请稍后重试',
  malformed: '服务器返回的数据格式不符合预期',
  busy: '服务器繁忙，请稍后重试',
  redirected: '服务器将请求重定向了（可能是登录页）；请重新登录，或检查服务器地址',
  too_large: '服务器的回复过大，已停止接收；请检查服务器地址',
  invalid_input: '输入内容无效',
  unknown_route: '应用内部错误：未知的操作',
  forbidden_sender: '应用内部错误：请求来源未被允许',
  not_configured: '尚未设置服务器地址，请先在设置中填写',
  sms_unavailable: '此服务器要求先登录才能获取短信验证码，无法使用短信登录',
  wrong_code: '验证码错误或已过期',
  no_pending_login: '本次登录已失效，请重新获取验证码',
  url_refused: '该链接未通过安全检查，已拒绝打开',
  insufficient_balance: '账户余额不足',
  refused: '平台拒绝了本次提交，未创建任务，也未扣费',
  not_found: '未找到：可能已被移除，请刷新后重试',
  insecure_server: '尚未确认允许以未加密的 http 连接此地址，因此没有向它发送任何内容',
  internal: '应用内部错误',
};

export default {
  errors: {
    ...codes,
    withDetail: '{text}（{detail}）',
    busyFor: '服务器繁忙，请 {seconds} 秒后重试',
  },
};
