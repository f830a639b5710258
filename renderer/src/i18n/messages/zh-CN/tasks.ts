/**
 * The task list, its words for statuses, billing and failures (platform-api.md §10.3), the
 * in-page notices, and the two navigation entries of the video half.
 * vue-i18n syntax: `{name}` is a placeholder; braces, `@`, `$` and `|` are never used literally.
 */
export default {
  nav: {
    studio: '创作',
    tasks: '任务',
    tasksRunning: '任务（{count} 个进行中）',
  },
  tasks: {
    title: '任务',
    subtitle: '提交过的视频任务，进行中的会自动更新',
    noCancel: '任务提交后无法取消；只有生成成功才会扣费。"隐藏"只是不在列表中显示，任务仍会继续。',
    filter: { label: '显示', all: '全部', running: '进行中', finished: '已结束' },
    search: '按提示词搜索',
    refresh: '刷新',
    loading: '正在加载任务…',
    loadFailed: '无法加载任务：{reason}',
    empty: '还没有任务。去「创作」提交第一个吧。',
    noMatch: '没有符合条件的任务',
    count: '共 {count} 个',
    status: {
      pending: '提交中',
      SUCCEEDED: '已完成',
      FAILED: '失败',
      UNKNOWN: '状态未知',
      running: '生成中（{word}）',
    },
    elapsed: '已用时 {time}',
    took: '用时 {time}',
    estimate: '预计还需约 {min}–{max} 分钟',
    overdue: '比以往同类任务用时更长，仍在等待平台结果',
    noEstimate: '暂无预估（还没有同类任务的记录）',
    quoted: '报价 {price}',
    billing: {
      created: '结算中',
      accounted: '已扣费 {amount}',
      failed: '结算失败（可能稍后计费）',
    },
    failure: {
      refused: '提交被拒绝，未扣费',
      generation_failed: '生成失败（未扣费）',
      lost_track: '平台与任务失去联系，视频可能仍会生成',
      billing_failed: '结算失败，可能稍后计费',
    },
    reason: '平台说明：{reason}',
    adopted: '来自其他设备或网页',
    actions: {
      label: '任务操作',
      open: '打开结果',
      openHint: '在系统浏览器中打开视频（应用内暂不能直接播放）',
      copyId: '复制任务号',
      copyTransno: '复制流水号',
      copied: '已复制',
      copyFailed: '无法复制：{reason}',
      again: '再来一次',
      retry: '重新提交',
      hide: '隐藏',
    },
    retry: {
      title: '重新提交这个任务？',
      body: '将以相同的参数提交一个新任务，价格 {price}（只有生成成功才会扣费）。原任务保持不变。',
      bodyNoPrice: '将以相同的参数提交一个新任务。价格暂时无法计算，将按平台实际价格扣费（只有生成成功才会扣费）。',
      confirm: '确认提交',
      cancel: '取消',
      done: '已重新提交',
    },
    notice: {
      open: '查看任务',
      openLibrary: '查看视频库',
    },
  },
};
