/** Demo data: organisations, accounts (the seed phones), API keys and the video models. */
import { APP, MODEL, ORG, PPID, USER } from './ids.ts';
import { addHistory } from './history.ts';
import type { InputField, ModelRec, SimState, UserRec } from './state.ts';
import { newId, seededRng, serverDate, serverTime, type Rng } from './util.ts';

const DAY = 86_400_000;

const code = (values: string[]) => values.map((v) => ({ value: v, text: v }));

const PROMPT: InputField = { name: 'prompt', label: '提示词', uitype: 'str', required: true, maxlength: 2000 };
const duration = (max: number, value: number): InputField => ({
  name: 'duration', label: '时长（秒）', uitype: 'int', value, min: 1, max,
});
const RESOLUTION: InputField = {
  name: 'resolution', label: '分辨率', uitype: 'code', value: '1080p', data: code(['540p', '720p', '1080p']),
};
const RATIO: InputField = {
  name: 'ratio', label: '画面比例', uitype: 'code', value: '16:9', data: code(['16:9', '9:16', '4:3', '3:4', '1:1']),
};
const AUDIO: InputField = { name: 'audio', label: '生成音频', uitype: 'check', value: false };
const OFF_PEAK: InputField = { name: 'off_peak', label: '错峰生成（更便宜，更慢）', uitype: 'check', value: false };
const IMAGE_FILE: InputField = { name: 'image_file', label: '首帧图片', uitype: 'file', accept: 'image/*', required: true };
const IMAGES: InputField = {
  name: 'images', label: '参考图片（1–7 张）', uitype: 'file', accept: 'image/*', multiple: true, min: 1, max: 7, required: true,
};

const t2vFields = (max: number): InputField[] => [PROMPT, duration(max, 5), RESOLUTION, RATIO, AUDIO, OFF_PEAK];
const i2vFields = (max: number): InputField[] => [IMAGE_FILE, PROMPT, duration(max, 5), RESOLUTION, AUDIO, OFF_PEAK];
const r2vFields: InputField[] = [IMAGES, PROMPT, duration(10, 5), RESOLUTION, RATIO, OFF_PEAK];

function models(now: number): ModelRec[] {
  const base = {
    upappid: 'Zq8Hn3VbX1cLm6TpR0sWe', providerid: 'Ty5Gk2NdS8fQw4JmC7hUa', ownerid: ORG.platform,
    enabled_date: '2026-05-20', expired_date: '9999-12-31', min_balance: 10, status: 'published', max_cost: 16,
  };
  return [
    { ...base, id: MODEL.q3Pro, name: 'Vidu Q3 文生视频', model: 'viduq3-pro', iconid: 'rg0Kd7FvQm2pWs9LxN4Tb',
      description: '高质量文生视频，支持 540p/720p/1080p，最长 15 秒，可生成音频',
      catalogs: [{ catelogid: 't2v', ppid: PPID.q3ProT2v, inputFields: t2vFields(15) }] },
    { ...base, id: MODEL.q3Turbo, name: 'Vidu Q3 Turbo', model: 'viduq3-turbo', iconid: 'Tb7Xe2Rw5Qa8Zs1Dc4Fv6',
      description: '极速出片，文生视频与图生视频通用，适合批量生产', max_cost: 10,
      catalogs: [
        { catelogid: 't2v', ppid: PPID.q3TurboT2v, inputFields: t2vFields(10) },
        { catelogid: 'i2v', ppid: PPID.q3TurboI2v, inputFields: i2vFields(10) },
      ] },
    { ...base, id: MODEL.q3I2v, name: 'Vidu Q3 图生视频', model: 'viduq3-pro', iconid: 'Im4Gv9Tp2Lk7Wq0Ne5Rs3',
      description: '以首帧图片生成视频，画面主体稳定，支持 1080p',
      catalogs: [{ catelogid: 'i2v', ppid: PPID.q3I2v, inputFields: i2vFields(15) }] },
    { ...base, id: MODEL.q2R2v, name: 'Vidu Q2 参考生视频', model: 'viduq2', iconid: 'Rv1Fe6Kp3Ws8Zt5Lq2Mn9',
      description: '上传 1–7 张参考图，保持人物与物体的一致性', enabled_date: '2026-03-01',
      catalogs: [{ catelogid: 'r2v', ppid: PPID.q2R2v, inputFields: r2vFields }] },
    { ...base, id: MODEL.q1Retired, name: 'Vidu Q1 文生视频（已下线）', model: 'viduq1', iconid: 'Old3Mx8Kq1Vn6Ws4Pz7Ty',
      description: '旧版模型，已停止服务', enabled_date: '2025-06-01', expired_date: serverDate(now - 30 * DAY),
      status: 'offline', catalogs: [{ catelogid: 't2v', ppid: PPID.q1T2v, inputFields: t2vFields(8) }] },
  ];
}

function passwordHash(rng: Rng): string {
  return `pbkdf2_sha256$600000$${newId(rng, 16)}$${Buffer.from(newId(rng, 32)).toString('base64')}`;
}

function user(rng: Rng, now: number, fields: Partial<UserRec> & Pick<UserRec, 'id' | 'username' | 'orgid'>): UserRec {
  return {
    mobile: null, email: null, address: null, user_status: '0',
    created_at: serverTime(now - (40 + Math.floor(rng() * 200)) * DAY),
    last_login: serverTime(now - Math.floor(rng() * 5 * DAY)), login_fail_count: 0, last_login_fail: null,
    sync_from: null, password: passwordHash(rng), fresh: false, admin: false, nick_name: null, ...fields,
  };
}

/** Models only: the platform configuration that exists on any deployment. */
export function seedModels(state: SimState, now: number): void {
  state.models.push(...models(now));
}

export function seedDemo(state: SimState, url: string, now: number): void {
  const rng = seededRng(20260612);
  seedModels(state, now);
  const orgs: [string, string, number][] = [
    [ORG.lin, '林间影像工作室', 126.5], [ORG.zhou, '周末短视频', 15.8], [ORG.chen, '陈导影视传媒', 268],
    [ORG.chenStudio, '光影实验室', 5.2], [ORG.chenEdu, '陈老师网课', 52.3], [ORG.platform, '元境平台', 10000],
  ];
  for (const [id, name, balance] of orgs) state.addOrg({ id, name, balance });

  const users: UserRec[] = [
    user(rng, now, { id: USER.lin, username: '13900000001', orgid: ORG.lin, nick_name: '小林', mobile: '13900000001',
      email: 'xiaolin@example.cn' }),
    user(rng, now, { id: USER.linAssist, username: 'lin_assist', orgid: ORG.lin, nick_name: '小周助理' }),
    user(rng, now, { id: USER.zhou, username: '13900000002', orgid: ORG.zhou, mobile: '13900000002' }),
    user(rng, now, { id: USER.chen, username: '13900000003', orgid: ORG.chen, nick_name: '陈导', mobile: '13900000003',
      address: '浙江省杭州市西湖区文三路 90 号' }),
    user(rng, now, { id: USER.chenStudio, username: 'chen_studio', orgid: ORG.chenStudio, mobile: '13900000003',
      sync_from: 'partner-lightlab' }),
    user(rng, now, { id: USER.chenEdu, username: 'chen_edu', orgid: ORG.chenEdu, nick_name: '陈老师', mobile: '13900000003' }),
    user(rng, now, { id: USER.admin, username: 'admin', orgid: ORG.platform, nick_name: '平台管理员', mobile: '13900000009',
      admin: true }),
  ];
  for (const u of users) state.addUser(u);

  const apps: [string, string, string, string, string, string][] = [
    // app id, name, description, org, key owner, key expiry
    [APP.studio, '剪辑工作室', '批量出片', ORG.lin, USER.lin, '9999-12-31'],
    [APP.batch, '短视频批量出片', '电商短视频自动生成', ORG.lin, USER.lin, '9999-12-31'],
    [APP.legacy, '旧版剪映插件', '已停用', ORG.lin, USER.lin, serverDate(now - 20 * DAY)],
    [APP.assist, '助理的脚本', '小周的自动化脚本', ORG.lin, USER.linAssist, '9999-12-31'],
    [APP.chenPromo, '宣传片渲染', '', ORG.chen, USER.chen, '9999-12-31'],
  ];
  for (const [id, name, description, orgid, owner, expiry] of apps) {
    state.apps.set(id, { id, name, description, allowedips: id === APP.batch ? '127.0.0.1,10.0.0.8' : '', orgid,
      created_at: serverTime(now - 30 * DAY) });
    state.keys.push({
      id: id === APP.studio ? 'WC9ynYFc8a4fl0auPDer-' : newId(rng), appid: id, userid: owner,
      apikey: id === APP.studio ? 'ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3' : `ak_${newId(rng, 24).replace(/[-_]/g, 'x')}`,
      secretkey: Buffer.from(`secret-${newId(rng, 18)}`).toString('base64'),
      enabled_date: serverDate(now - 30 * DAY), expired_date: expiry,
    });
  }

  addHistory(state, url, rng, now, { orgid: ORG.lin, userids: [USER.lin, USER.linAssist], count: 200, todayFor: USER.lin });
  addHistory(state, url, rng, now, { orgid: ORG.chen, userids: [USER.chen], count: 200, todayFor: USER.chen });
  addHistory(state, url, rng, now, { orgid: ORG.zhou, userids: [USER.zhou], count: 24 });
  addHistory(state, url, rng, now, { orgid: ORG.chenStudio, userids: [USER.chenStudio], count: 40 });
  addHistory(state, url, rng, now, { orgid: ORG.chenEdu, userids: [USER.chenEdu], count: 60 });
}
