/** Fixed ids of the demo seed, so demos and end-to-end tests can name them. */
export const ORG = {
  lin: 'FFp48woIYMEJ-BMMnSBOe',
  zhou: 'Qk7vN2xLp9TzR4mWc8Ys_',
  chen: 'P1mQe4ZtVb7nLk0sXw2Ra',
  chenStudio: 'Hx3Jd8Rb2Nq6Wv1Lt5Kp-',
  chenEdu: 'Za9Uc4Ef7Gh2Ij5Kl8Mn0',
  platform: '0',
} as const;

export const USER = {
  lin: 'rg3pBekGD_NmayfxjIvMV',
  linAssist: 'Wd2Fs7Gh1Jk4Lz8Xc3Vb6',
  zhou: 'Tn5Ym8Qa3Ws6Ed9Rf2Gt_',
  chen: 'Cq1Lw4Er7Ty0Ui3Op6As9',
  chenStudio: 'iTwtYWzyAwyooE3k36W2h',
  chenEdu: 'Bv8Nm5Kj2Hg9Fd6Sa3Lp1',
  admin: 'Ad0Mn7Ro3Ot9Pl4At2Fm-',
} as const;

export const MODEL = {
  q3Pro: 'BjhzpdzWAkCrP4ekOot_R',
  q3Turbo: 'Kt4Hw9Zq2Lm7Xc1Vb6Nj3',
  q3I2v: 'Vl0VBLF99wX6JubX0p-dD',
  q2R2v: 'Rf9Pe3Ow6Iu2Ya5Sd8Fg_',
  q1Retired: 'Ex7Pd2Mo4Dl9Qw1Er5Ty8',
} as const;

export const PPID = {
  q3ProT2v: 'Mx4Rb8TqK2vNc6LzW0eYs',
  q3TurboT2v: 'Pq2Ws5Ed8Rf1Tg4Yh7Uj0',
  q3TurboI2v: 'Lk9Jh6Gf3Ds0Az7Xc4Vb1',
  q3I2v: 'Nm3Bv6Cx9Zl2Kj5Hg8Fd_',
  q2R2v: 'Yt7Re4Wq1Ui8Op5As2Df-',
  q1T2v: 'Gh6Jk3Lz0Xc7Vb4Nm1Qw8',
} as const;

export const APP = {
  studio: 'iSfRfpSxajfadRCZmJUls',
  batch: 'Ua5Sd2Fg9Hj6Kl3Zx0Cv7',
  legacy: 'Ol4Ik1Uj8Yh5Tg2Rf9Ed6',
  assist: 'Mn8Bv5Cx2Zl9Kj6Hg3Fd0',
  chenPromo: 'Qa1Ws4Ed7Rf0Tg3Yh6Uj9',
} as const;

export const SEED_PHONES = {
  one: '13900000001',
  noNick: '13900000002',
  three: '13900000003',
  admin: '13900000009',
} as const;

export const TEST_SMS_CODE = '123456';
