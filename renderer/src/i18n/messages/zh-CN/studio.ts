/**
 * The video studio: the model's input form, its checks and the documented fallback fields.
 * vue-i18n syntax: `{name}` is a placeholder; braces, `@`, `$` and `|` are never used literally.
 */
export default {
  studio: {
    fields: {
      prompt: '提示词',
      duration: '时长（秒）',
      ratio: '画面比例',
      aspect_ratio: '画面比例',
      resolution: '分辨率',
      audio: '生成声音',
      off_peak: '错峰生成（更便宜，可能更慢）',
      image_file: '首帧图片',
      images: '参考图片',
    },
    form: {
      required: '（必填）',
      selectPlaceholder: '请选择',
      optionsLoading: '正在加载选项…',
      optionsFailed: '选项加载失败：{reason}',
      retry: '重试',
      pickImage: '选择图片',
      pickImages: '添加图片',
      pickFile: '选择文件',
      replace: '更换',
      remove: '移除 {name}',
      fileCount: '已选 {count} / {max} 张',
      imageRules: '支持 JPG、PNG、WebP，短边至少 128 像素，宽高比在 1:4 到 4:1 之间，不超过 7 MiB',
      pickFailed: '无法打开文件：{reason}',
      submitHint: '按 Ctrl+Enter（macOS 上为 ⌘+Enter）提交',
    },
    problems: {
      required: '此项必填',
      notNumber: '请输入数字',
      notInteger: '请输入整数',
      tooSmall: '不能小于 {min}',
      tooLarge: '不能大于 {max}',
      tooLong: '最多 {max} 个字符，当前 {length} 个',
      email: '邮箱地址格式不正确',
      notAnOption: '所选的值已不在可选范围内，请重新选择',
      tooFewFiles: '至少需要 {min} 张图片，当前 {count} 张',
      tooManyFiles: '最多 {max} 张图片，当前 {count} 张',
      imageType: '不支持此图片格式（{type}），请使用 JPG、PNG 或 WebP',
      imageTooLarge: '图片太大（{size}），最大 {max}，请压缩后再试',
      imageTooSmall: '图片太小（{width}×{height} 像素），短边至少需要 {min} 像素',
      imageAspect: '图片宽高比不合适（{width}×{height}），需在 1:4 到 4:1 之间',
      imageUnreadable: '无法读取图片尺寸，文件可能已损坏',
    },
  },
};
