/** The first-start server address screen, and URL validation shared with settings. */
export default {
  setup: {
    title: '设置服务器地址',
    intro: '此版本未内置元境官方服务器地址。请填写你要连接的元境服务器地址，或使用本地模拟器体验应用。',
    useServer: '连接元境服务器',
    useSimulator: '使用本地模拟器演示',
    serverUrl: '服务器地址',
    serverUrlPlaceholder: 'https://example.com',
    simulatorUrl: '模拟器地址',
    simulatorHint: '模拟器需先在本机启动（npm run sim）。测试验证码固定为 123456。',
    continue: '保存并继续',
  },
  url: {
    empty: '请输入服务器地址',
    invalid: '地址格式不正确，例如 https://example.com',
    scheme: '地址必须以 http:// 或 https:// 开头',
    insecure: '这是未加密的 http 地址：登录凭据与 API Key 将以明文传输，仅建议用于本机或内网测试。',
  },
  plainHttp: {
    title: '使用未加密的 http 连接？',
    risk: '这是未加密的 http 地址：登录会话 Cookie 和短信验证码将以明文传输，同一网络中的任何人都能读取或篡改它们。',
    advice: '仅在你信任这段网络时继续（例如公司内网的测试服务器）。确认后会记住此地址（协议、主机与端口），可随时在设置中撤销。',
    confirm: '我了解风险，继续使用',
    cancel: '取消',
    listTitle: '已确认的 http 地址',
    listEmpty: '尚未确认任何 http 地址。',
    revoke: '撤销',
    inUse: '当前使用的服务器 {origin} 是未加密的 http 地址且尚未确认，应用不会向它发送任何请求。',
    confirmInUse: '确认此地址…',
  },
};
