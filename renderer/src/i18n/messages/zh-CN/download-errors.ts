import type { DownloadErrorCode } from '@contract';

/** One sentence per download error code (DownloadView.error.code); see describeDownloadError. */
const errors: Record<DownloadErrorCode, string> = {
  network: '网络中断，稍后自动重试',
  timeout: '视频服务器长时间没有响应',
  server: '视频服务器出错',
  expired_link: '下载链接已失效，可在浏览器中打开',
  disk_full: '磁盘空间不足，已下载的部分已保留；腾出空间后点「重试」继续',
  length_mismatch: '文件大小与服务器声明的不符',
  rename_failed: '无法完成文件（可能被杀毒软件或播放器占用），已下载的部分已保留',
  io: '写入文件失败',
  paused: '已暂停',
  cancelled: '已取消',
};

export default { downloads: { errors } };
