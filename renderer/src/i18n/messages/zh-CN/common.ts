/** Words the whole shell uses: the app name, navigation, generic actions. */
export default {
  common: {
    appName: '元境 Desktop',
    save: '保存',
    saving: '正在保存…',
    saved: '已保存',
    cancel: '取消',
    back: '返回',
    loading: '加载中…',
    signOut: '退出登录',
    signedInAs: '当前账号：{name}',
    backToLogin: '返回登录',
  },
  nav: {
    label: '主导航',
    overview: '概览',
    orders: '订单',
    keys: 'API Key',
    pricing: '定价测试',
    settings: '设置',
  },
};
