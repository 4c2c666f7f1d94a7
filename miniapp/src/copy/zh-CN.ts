import type { ClockName } from '@xinfang/shared/clocks';
import type {
  DeclineGround,
  DiversionRoute,
  PetitionKind,
  PetitionState,
  Rating,
  ReplyOutcome,
  Stage,
} from '@xinfang/shared/lifecycle';
import type { Health } from '@xinfang/shared/schemas/health';
import type { ApiErrorCode } from '@/services/api';

/**
 * Every string the person reads, in one place (简体中文). Sections follow the app: the shared
 * vocabulary of petition work first (states, kinds, clocks, events — the staff pages reuse these),
 * then the reusable UI pieces, then one section per page. Functions build sentences with numbers
 * or names in them; nothing else in the app writes Chinese.
 */
export const copy = {
  appName: '信访通',

  // ── Vocabulary of petition work, in plain words for petitioners ─────────────────────────────
  kinds: {
    suggestion: {
      name: '意见建议',
      choice: '提意见建议',
      formal: '建议意见类',
      explain: '对单位的工作提出改进意见。比如：建议食堂延长开饭时间、井口增设休息室。',
    },
    accusation: {
      name: '检举违纪违法',
      choice: '检举违纪违法',
      formal: '检举控告类',
      explain: '反映干部、职工违纪违法的行为。比如：克扣工资、违规收费、弄虚作假。您的身份依法保密。',
    },
    request: {
      name: '要求解决问题',
      choice: '要求解决问题',
      formal: '申诉求决类',
      explain: '自己遇到的问题，希望单位解决。比如：加班费没发、工伤没有认定、宿舍漏雨。',
    },
  } satisfies Record<PetitionKind, { name: string; choice: string; formal: string; explain: string }>,

  /** The state as a petitioner understands it. */
  states: {
    registered: '待受理',
    referred: '待受理',
    assigned: '已转交承办单位',
    objected: '待受理',
    handling: '办理中',
    reply_drafted: '办理中',
    reply_approved: '办理中',
    replied: '已答复',
    resolved: '已办结（问题已解决）',
    concluded: '已办结',
    diverted: '已告知办理途径',
    declined: '不予受理',
    forwarded: '已转送有关机关',
    withdrawn: '已撤回',
    final: '已办结（复核为最终意见）',
  } satisfies Record<PetitionState, string>,

  /** Chip tone per state: what the person should feel, not a colour name. */
  stateTone: {
    registered: 'waiting',
    referred: 'waiting',
    assigned: 'working',
    objected: 'waiting',
    handling: 'working',
    reply_drafted: 'working',
    reply_approved: 'working',
    replied: 'action',
    resolved: 'done',
    concluded: 'done',
    diverted: 'done',
    declined: 'done',
    forwarded: 'done',
    withdrawn: 'done',
    final: 'done',
  } satisfies Record<PetitionState, 'waiting' | 'working' | 'action' | 'done'>,

  stages: {
    first: '首次办理',
    review: '复查',
    re_examination: '复核',
  } satisfies Record<Stage, string>,

  channels: {
    online: '网上信访',
    letter: '来信',
    visit: '来访',
    call: '来电',
    fax: '传真',
    email: '电子邮件',
  } as Record<string, string>,

  clocks: {
    triage: '转送或交办期限',
    notice: '书面告知期限',
    assignment_notice: '承办单位告知期限',
    objection_window: '承办单位异议期',
    report_back: '交办报告期限',
    handling: '办理期限',
    review_window: '申请复查期限',
    review_answer: '复查答复期限',
    re_examination_window: '申请复核期限',
    re_examination_answer: '复核答复期限',
    rating_window: '评价期限',
    supervision_answer: '督办答复期限',
  } satisfies Record<ClockName, string>,

  ratings: {
    satisfied: '满意',
    basically_satisfied: '基本满意',
    unsatisfied: '不满意',
  } satisfies Record<Rating, string>,

  outcomes: {
    support: '予以支持',
    explain: '解释说明',
    not_support: '不予支持',
    adopted: '予以采纳',
    partly_adopted: '部分采纳',
    not_adopted: '不予采纳',
    substantiated: '反映问题属实',
    partly_substantiated: '反映问题部分属实',
    unsubstantiated: '反映问题不属实',
  } satisfies Record<ReplyOutcome, string>,

  diversionRoutes: {
    litigation: '向人民法院提起诉讼',
    arbitration: '申请劳动人事争议仲裁',
    administrative_review: '申请行政复议',
    party_appeal: '向党组织提出申诉',
    law_enforcement: '向执法机关反映',
  } satisfies Record<DiversionRoute, string>,

  declineGrounds: {
    pending_elsewhere: '同一事项正在下级单位办理期限内',
    already_final: '同一事项已复核终结',
    not_a_petition_matter: '不属于信访事项',
    other: '其他原因',
  } satisfies Record<DeclineGround, string>,

  /** Timeline steps the petitioner can see. Unknown types fall back to `other`. */
  events: {
    registered: '已收到您反映的问题',
    notified: '收到书面告知',
    forwarded: '已转送有关机关',
    assigned: '已转交承办单位办理',
    diverted: '已告知依法解决的途径',
    declined: '不予受理',
    accepted: '已受理',
    concerned_unit_set: '信访办确定了涉及的单位',
    message_sent: '办理人员留言',
    petitioner_wrote: '我的留言',
    hearing_scheduled: '安排听证会',
    hearing_held: '已举行听证会',
    mediation_recorded: '调解情况',
    extension_approved: '办理期限已延长',
    reply_issued: '已书面答复',
    reply_delivered: '书面答复已送达',
    delivery_corrected: '送达日期已更正',
    rated: '我的评价',
    review_requested: '已申请复查',
    re_examination_requested: '已申请复核',
    withdrawn: '已撤回',
    closed: '已办结',
    forward_outcome_recorded: '有关机关的办理结果',
    suggestion_rewarded: '您的建议获得奖励',
    rehandling_notified: '是否重新办理',
    other: '办理进展',
  } as Record<string, string>,

  /** Art 29: a reward for an adopted suggestion, in the petitioner's words. */
  rewards: {
    kinds: {
      commendation: '通报表扬',
      bonus: '奖金',
      honour: '荣誉称号',
      other: '奖励',
    } as Record<string, string>,
    /** 「您的建议被采纳，东山煤矿给予您通报表扬」 */
    given: (partly: boolean, unit: string, reward: string) =>
      `您的建议被${partly ? '部分采纳' : '采纳'}，${unit}给予您${reward}`,
  },

  // ── Reusable UI pieces ──────────────────────────────────────────────────────────────────────
  common: {
    loading: '正在加载…',
    retry: '重试',
    cancel: '取消',
    confirm: '确定',
    back: '返回',
    close: '关闭',
    done: '完成',
    save: '保存',
    saved: '已保存',
    send: '发送',
    edit: '修改',
    remove: '删除',
    copy: '复制',
    copied: '已复制',
    required: '必填',
    optional: '选填',
    none: '无',
    unknownUnit: '有关单位',
    counter: (used: number, max: number) => `${used}/${max}`,
    counterLabel: (used: number, max: number) => `已输入 ${used} 字，最多 ${max} 字`,
    loadMore: '加载更多',
    noMore: '没有更多了',
    pullToRefresh: '下拉刷新',
  },

  nav: {
    label: '主要页面',
    home: '首页',
    mine: '我的信访',
    me: '我的',
  },

  textSize: {
    label: '大字模式',
    on: '大字',
    off: '大字',
    hintOn: '已开启大字模式',
    hintOff: '已关闭大字模式',
  },

  /** Where a petition stands, for the petitioner: the step bar, the one promise, the law behind it. */
  progress: {
    label: '办理进度',
    steps: {
      submitted: '已提交',
      accepted: '已受理',
      handling: '办理中',
      replied: '已答复',
      rated: '评价',
    },
    todo: '（未到）',
    stage: {
      first: null,
      review: '上一级单位正在复查',
      re_examination: '再上一级单位正在复核',
    } as Record<string, string | null>,
    pledge: {
      due: {
        // The date is the last day, and it counts: 「X前」 would read as "by the day before X".
        notice: (date: string) => `预计最晚${date}（含当天）告诉您是否受理`,
        answer: (date: string) => `预计最晚${date}（含当天）答复您`,
        review: (date: string) => `对答复不满意，可以申请复查，最晚${date}（含当天）`,
        re_examination: (date: string) => `对复查意见不满意，可以申请复核，最晚${date}（含当天）`,
        rating: (date: string) => `请评价这次答复，最晚${date}（含当天）`,
      },
      late: {
        notice: (date: string) => `原定最晚${date}告诉您是否受理，已经超期。可以留言催办，或拨打信访电话。`,
        answer: (date: string) => `原定最晚${date}答复，已经超期。可以留言催办，或拨打信访电话。`,
        review: (date: string) => `申请复查的期限已在${date}结束。`,
        re_examination: (date: string) => `申请复核的期限已在${date}结束。`,
        rating: (date: string) => `评价的期限已在${date}结束。`,
      },
      /**
       * No unit above the answering one here takes the appeal (Art 35, 36): the answer's own words,
       * for the pledge and, before the answer is received, for the line asking to open it.
       */
      elsewhere: {
        review: (date: string) =>
          `如不满意，可以最晚${date}（含当天）向有权处理的上级机关或者单位提出复查请求`,
        re_examination: (date: string) =>
          `如不满意，可以最晚${date}（含当天）向有权处理的上级机关或者单位提出复核请求`,
        review_window:
          '答复已经出来了，请在下面的“文书”里打开看一看。如不满意，可以向有权处理的上级机关或者单位提出复查请求，期限从您收到答复的那天算起。',
        re_examination_window:
          '复查意见已经出来了，请在下面的“文书”里打开看一看。如不满意，可以向有权处理的上级机关或者单位提出复核请求，期限从您收到的那天算起。',
      },
      provisional: '（遇节假日可能顺延）',
      /** The answer's clock stopped for a hearing: no date to promise until it is held. */
      paused: '正在安排听证，听证期间不计入办理期限',
      /** The answer is out but not yet received: its receipt starts the person's time (Art 21, 35, 36). */
      receive: {
        review_window:
          '答复已经出来了，请在下面的“文书”里打开看一看。对答复不满意可以申请复查，期限从您收到答复的那天算起。',
        re_examination_window:
          '复查意见已经出来了，请在下面的“文书”里打开看一看。对复查意见不满意可以申请复核，期限从您收到的那天算起。',
        rating_window: '答复已经出来了，请在下面的“文书”里打开看一看。评价的期限从您收到答复的那天算起。',
      },
    },
    basis: {
      title: '办理时限和依据',
      intro: '以下时限由《信访工作条例》规定，从收到之日的第二天算起，最后一天是节假日的顺延到上班日。',
      limit: {
        notice: '告诉您是否受理（15日内）',
        assignment_notice: '承办单位告诉您怎样办理（15日内）',
        handling: '办结并书面答复（60日内，可延长30日）',
        review_window: '对答复不满意，申请复查（30日内）',
        review_answer: '复查答复（30日内）',
        re_examination_window: '对复查意见不满意，申请复核（30日内）',
        re_examination_answer: '复核答复（30日内）',
        rating_window: '评价答复（30日内）',
      },
      dueOn: (date: string) => `截止日期：${date}`,
      finished: (date: string) => `已完成（期限 ${date}）`,
      rights: [
        '检举人的身份和检举材料依法保密，不会透露给被检举的人和单位（《信访工作条例》第三十条）。',
        '复核意见是最终意见；同一事实和理由不再受理（《信访工作条例》第三十六条）。',
      ],
    },
    /** The steps a deadline finished, in the timeline: done in time or late. */
    verdict: {
      notice: '告知是否受理',
      assignment_notice: '告知办理安排',
      handling: '答复',
      review_answer: '复查答复',
      re_examination_answer: '复核答复',
    } as Record<string, string>,
    verdictMet: (what: string) => `✓ 按期${what}`,
    verdictMissed: (what: string) => `超过期限才${what}`,
  },

  clock: {
    dueOn: (date: string) => `${date} 截止`,
    daysLeft: (days: number) => `还剩 ${days} 天`,
    dueToday: '今天截止',
    overdueBy: (days: number) => (days <= 0 ? '已超过期限' : `已超期 ${days} 天`),
    met: '按期完成',
    missed: '超期完成',
    stopped: '已停止计时',
    /** A re-examination waiting for its hearing (Art 36): its clock stands still. */
    paused: (days: number) => `听证中，复核期限暂停计时（已暂停${days}天）`,
    pausedDue: '听证结束后接着计时',
    provisional: '（节假日安排未公布，日期可能顺延）',
    metOn: (clock: string) => `在${clock}内完成`,
    missedOn: (clock: string) => `超过了${clock}`,
  },

  errors: {
    NETWORK_ERROR: '网络连接失败，请检查网络后重试',
    TIMEOUT: '网络太慢，服务器没有及时响应，请稍后重试',
    BAD_RESPONSE: '服务器返回了无法识别的内容',
    SERVICE_UNAVAILABLE: '服务器正忙，请稍后再试',
    INTERNAL_ERROR: '服务器内部错误，请稍后重试',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    UNAUTHENTICATED: '登录已过期，请重新登录',
    FORBIDDEN: '没有权限查看或操作',
    NOT_FOUND: '没有找到相关内容',
    VALIDATION_FAILED: '填写的内容有误，请检查后重试',
    OTP_INVALID: '验证码不对，或已经失效。请核对短信；还不行，就点“重新获取”。',
    VERSION_CONFLICT: '这件信访事项刚刚有了新进展，已为您刷新，请确认后再操作',
    ROSTER_MISMATCH: '工号、姓名与登记的手机号不一致，请核对，或联系所在单位人力资源部门',
    ALREADY_EXISTS: '该信息已被另一个账号使用',
    PAYLOAD_TOO_LARGE: '照片太大，请换一张（不超过 10 MB）',
    UNSUPPORTED_MEDIA_TYPE: '只能上传照片（JPEG、PNG、WebP）或 PDF',
    IDEMPOTENCY_IN_PROGRESS: '上一次提交仍在处理，请稍候再试',
    IDEMPOTENCY_KEY_REUSED: '这份草稿已经提交过，请到“我的信访”查看',
    LIFECYCLE_REFUSED: '当前不能进行这个操作',
    fallback: '操作失败，请稍后重试',
  } satisfies Partial<Record<ApiErrorCode, string>> & { fallback: string },

  errorRetry: {
    title: '出错了',
    retryLabel: (what: string) => `重试：${what}`,
  },

  // ── Pages ───────────────────────────────────────────────────────────────────────────────────
  home: {
    title: '信访通',
    tagline: '反映问题、提出建议，全程可查询、可评价',
    greeting: (name: string) => `您好，${name}`,
    actions: '您可以在这里',
    submit: '我要反映问题',
    submitDesc: '要求解决问题、提意见建议、检举违纪违法，可以拍照',
    draftWaiting: '您有一份未提交的草稿，点击继续填写',
    mine: '我的信访',
    mineDesc: '查看办理进度、答复和期限，评价或申请复查',
    lookup: '凭编号和查询码查询',
    lookupDesc: '不用登录，查询办理进度',
    login: '登录',
    loginDesc: '登录后可提交和跟踪信访事项',
    bindingDesc: '本单位职工认证工号后，问题直接送到所在单位办理',
    howToQuery: '怎样查询办理进度',
    howToQuerySteps: [
      '提交后，您会得到信访编号和查询码，请妥善保存。',
      '登录后在“我的信访”中随时查看进度、期限和书面答复。',
      '不方便登录时，凭编号和查询码在“查询”中查看进度。',
      '也可拨打下方单位的信访电话，或在接待时间到接待地点查询。',
    ],
    channels: '信访渠道和接待地点',
    channelsIntro: '除了网上反映，您也可以写信、打电话，或到接待地点当面反映。',
    address: '接待地点',
    hours: '接待时间',
    phone: '信访电话',
    letterAddress: '来信地址',
    email: '电子邮箱',
    fax: '传真',
    onlineAddress: '网上信访',
    channelsFailed: '无法加载接待信息',
    receptionEntry: '领导接访日',
    receptionEntryDesc: '查看领导接待群众的日期，在手机上预约',
    statute: '受理后60日内办结并书面答复您；对答复不满意，可以在收到后30日内申请复查。',
    staffEntry: '工作人员入口',
    staffWorkbench: '进入信访工作台',
  },

  login: {
    title: '登录',
    intro: '登录后可以提交信访事项、查看办理进度和书面答复。',
    phone: '手机号',
    phonePlaceholder: '请输入 11 位手机号',
    phoneInvalid: '请输入正确的 11 位手机号',
    code: '验证码',
    codePlaceholder: '6 位短信验证码',
    codeInvalid: '请输入 6 位数字验证码',
    sendCode: '获取验证码',
    resendIn: (seconds: number) => `${seconds} 秒后可重发`,
    resend: '重新获取',
    codeSent: '验证码已发送，5 分钟内有效',
    submit: '登录',
    agree: '我已阅读并同意',
    privacyLink: '《个人信息保护说明》',
    mustAgree: '请先阅读并同意个人信息保护说明',
    wechatIntro: '使用微信一键登录。登录前，请阅读我们如何使用您的信息。',
    wechatLogin: '同意并用微信登录',
    wechatFailed: '微信登录失败，请重试',
    privacyTitle: '使用前请阅读',
    privacySummary: [
      '我们只收集办理信访事项所需的信息：手机号、姓名、工号（职工）和您提交的内容与照片。',
      '您的信息只用于登记、办理和答复您的信访事项，不会用于其他目的。',
      '检举控告人的身份和材料依法保密，不会透露给被检举的人和单位。',
      '照片上传时会去除拍摄地点等隐藏信息。',
    ],
    readFull: '阅读完整说明',
    disagree: '不同意',
    disagreeNote: '不同意也可以来信、来电或到接待地点反映问题。',
    lookupInstead: '不登录，凭编号查询',
  },

  /** WeChat's privacy agreement, asked for in place when a photo, the clipboard or a file needs it. */
  privacyPrompt: {
    title: '请先同意隐私保护指引',
    body: '拍照、选照片、复制编号等要用到您的信息。请阅读并同意《用户隐私保护指引》后继续。',
    read: '阅读《用户隐私保护指引》',
    agree: '同意并继续',
    disagree: '不同意',
    disagreeNote: '不同意，这一步就做不了，其他功能照常使用。',
  },

  privacy: {
    title: '个人信息保护说明',
    updated: '适用于信访通小程序和网页版',
    sections: [
      {
        heading: '我们收集哪些信息',
        body: '手机号（用于登录和接收通知）、微信身份标识（微信登录时）、姓名和住址（信访事项依法需要写明，《信访工作条例》第十九条）、职工工号（认证职工身份时）、您填写的信访内容和上传的照片。',
      },
      {
        heading: '用来做什么',
        body: '只用于登记、分办、办理、答复您的信访事项，以及让您查询和评价办理情况。不用于营销，不向无关单位提供。',
      },
      {
        heading: '谁能看到',
        body: '只有依法负责办理您这件事项的工作人员能看到；他们看到的手机号、身份证号默认隐去中间位数，查看完整信息会留下记录。检举控告人的身份和材料依法保密，不会透露给被检举的人和单位（《信访工作条例》第三十条）。',
      },
      {
        heading: '照片',
        body: '照片在手机上压缩后上传，服务器会去除拍摄时间、地点等隐藏信息。请不要上传与事项无关的他人隐私。',
      },
      {
        heading: '保存多久',
        body: '信访档案按国家档案管理规定保存。未提交的草稿只保存在您的手机上，提交或删除后即清除。',
      },
      {
        heading: '您的权利',
        body: '您可以查看和更正自己的信息，可以撤回尚未答复的信访事项。如有疑问，请拨打首页公布的信访电话。',
      },
    ],
  },

  binding: {
    title: '职工身份认证',
    intro: '本单位职工认证工号后，反映的问题会直接送到所在单位办理。居民无需认证。',
    employeeNumber: '工号',
    employeeNumberPlaceholder: '如 DS1001',
    realName: '姓名',
    realNamePlaceholder: '与人事登记一致',
    submit: '认证',
    done: (name: string, unit: string) => `已认证：${name}，${unit}`,
    needPhone: '认证工号前，请先验证手机号（需与人事登记的手机号一致）。',
    skip: '暂不认证',
  },

  profile: {
    title: '您的姓名和住址',
    intro: '书面告知和答复会按这个姓名和地址送达，请如实填写。',
    realName: '姓名',
    realNamePlaceholder: '真实姓名',
    address: '住址',
    addressPlaceholder: '能收到书面答复的地址',
    saving: '正在保存姓名和住址…',
    saveFailed: (reason: string) => `姓名和住址没有保存成功：${reason}`,
    edit: '修改姓名和住址',
    summary: (name: string, address: string) => `${name}，${address}`,
  },

  phoneProof: {
    title: '验证手机号',
    intro: '验证手机号后，办理进展可以通过短信通知您，也可以用手机号登录。',
    submit: '验证',
    done: '手机号已验证',
  },

  me: {
    title: '我的',
    notSignedIn: '您还没有登录',
    phone: '手机号',
    phoneMissing: '未验证',
    worker: '职工身份',
    name: '姓名',
    address: '住址',
    missing: '未填写',
    workerMissing: '未认证',
    resident: '居民',
    bindEmployee: '认证职工身份',
    provePhone: '验证手机号',
    privacy: '个人信息保护说明',
    status: '服务状态',
    logout: '退出登录',
    textSize: '大字模式',
    textSizeDesc: '放大所有页面的文字，设置保存在本机',
  },

  submit: {
    title: '反映问题',
    steps: {
      text: '1. 发生了什么',
      photos: '2. 照片（没有可以不拍）',
      unit: '3. 涉及哪个单位',
      category: '4. 属于哪方面的问题',
      kind: '5. 诉求类型',
      collective: '6. 是否多人一起反映',
    },
    kindHint: {
      suggestion: '您的建议会被认真研究，采纳与否都会书面告诉您。',
      accusation: '您的身份和检举材料依法保密，不会透露给被检举的人和单位。检举由集团信访办直接受理。',
      request:
        '如果问题应当通过劳动仲裁、诉讼等途径解决，工作人员会告诉您到哪里办；其他问题会调查核实后书面答复您。',
    } satisfies Record<PetitionKind, string>,
    category: '问题属于哪方面',
    categoriesFailed: '无法加载问题分类',
    unit: '涉及的单位',
    unitMine: (name: string) => `我所在的单位：${name}`,
    unitUnknown: '不清楚，由信访办分办',
    unitUnknownChosen: '不清楚涉及哪个单位，由集团信访办确定后分办',
    unitChange: '更换单位',
    unitSearch: '搜索单位',
    unitSearchPlaceholder: '单位名称或常用叫法，如“运输”“采煤”',
    unitSearchEmpty: '没有找到。可以换个说法，或选“不清楚，由信访办分办”。',
    unitChoose: (name: string) => `选择 ${name}`,
    unitExpand: (name: string) => `展开 ${name} 的下级单位`,
    unitCollapse: (name: string) => `收起 ${name} 的下级单位`,
    unitsFailed: '无法加载单位列表',
    accusedUnitHint:
      '请选择被检举人所在的单位，该单位看不到您的检举材料。不清楚可以选“不清楚，由信访办分办”。',
    titleLabel: '标题',
    titleHint: '不填也可以，会用您写的第一句话作标题。',
    titlePlaceholder: '如：三月份加班费没有发',
    contentLabel: '具体情况和诉求',
    contentPlaceholder: '请写明：什么时间、在哪里、发生了什么、涉及谁，以及您希望怎样解决',
    locationLabel: '地点',
    locationPlaceholder: '如：东山煤矿3号井',
    photosHint: (max: number) => `最多${max}张。照片会先在手机上压缩再上传，节省流量。`,
    takePhoto: '拍照',
    choosePhoto: '从相册选',
    photoAlt: (n: number) => `第${n}张照片`,
    photoUploading: (percent: number) => `正在上传 ${percent}%`,
    photoUploaded: '已上传',
    photoFailed: '上传失败',
    photoWaiting: '等待上传',
    photoRetry: (n: number) => `重试上传第${n}张照片`,
    photoRemove: (n: number) => `删除第${n}张照片`,
    photoTooMany: (max: number) => `最多只能添加${max}张照片`,
    photoUnreadable: '这张照片打不开，请删除后换一张',
    /** The server's reason for refusing a photo, which sending it again cannot change. */
    photoRefused: (reason: string) => `${reason.replace(/[。.]$/, '')}。请删除后换一张。`,
    collectiveToggle: '多人一起反映',
    collectiveHint: '多人反映同一件事，请推选代表，最多5人。',
    headcount: '一共多少人',
    headcountPlaceholder: '包括您自己',
    representatives: '代表姓名',
    representative: (n: number) => `代表${n}`,
    addRepresentative: '添加代表',
    removeRepresentative: (n: number) => `删除代表${n}`,
    draftSaved: '填写的内容会自动保存在本机，随时可以回来接着填。',
    draftRestored: '已为您恢复上次没有提交的内容',
    discardDraft: '清空重填',
    discardTitle: '清空重填吗？',
    discardBody: '已填写的内容和照片都会删除，不能恢复。',
    discardYes: '删除并清空',
    discardNo: '不清空',
    next: '下一步：核对',
    // Said in words, not by colour alone (WCAG 1.4.1).
    fixErrors: (n: number) => `有${n}处需要填写或修改，已在各项下面写明`,
    notReady: '还有内容没有填好，请返回上一页修改',
  },

  validation: {
    kindRequired: '请选择诉求类型',
    categoryRequired: '请选择问题属于哪方面',
    unitRequired: '请选择涉及的单位；不清楚的，选“不清楚，由信访办分办”',
    titleTooLong: (max: number) => `标题不能超过${max}字`,
    contentRequired: '请写明具体情况',
    contentTooLong: (max: number) => `内容不能超过${max}字`,
    locationTooLong: (max: number) => `地点不能超过${max}字`,
    photosTooMany: (max: number) => `照片不能超过${max}张`,
    photosNotUploaded: '还有照片没有上传成功，请点照片下面的“重试”或“删除”',
    headcountInvalid: '多人反映时，人数至少2人',
    headcountTooSmall: '人数不能少于代表人数',
    representativesRequired: '请至少填写1名代表',
    representativesTooMany: (max: number) => `代表最多${max}人`,
    representativeBlank: '代表姓名不能为空',
    representativeTooLong: (max: number) => `代表姓名不能超过${max}字`,
    textRequired: '请填写内容',
    nameRequired: '请填写姓名',
    addressRequired: '请填写住址',
    textTooLong: (max: number) => `不能超过${max}字`,
    ratingRequired: '请选择满意程度',
  },

  confirm: {
    title: '核对并提交',
    petitioner: '信访人',
    intro: '请核对以下内容。提交后会给您信访编号和查询码。',
    kind: '诉求类型',
    category: '问题属于',
    unit: '涉及单位',
    titleLabel: '标题',
    content: '具体情况',
    location: '地点',
    photos: '照片',
    photosCount: (n: number) => `${n} 张`,
    collective: '多人反映',
    collectiveValue: (headcount: number, names: string) => `${headcount} 人，代表：${names}`,
    submit: '确认提交',
    submitting: '正在提交…',
    edit: '返回修改',
    unconfirmed: '上次提交没有收到确认，可能是网络不好。内容已保存在本机，点“重试提交”不会重复提交。',
    /** A retry long after the first send, which had arrived: the server shows no query code again. */
    alreadySubmitted: (number: string) =>
      `这件已经提交过了，信访编号 ${number}。查询码只在第一次提交成功时显示，不能再显示。您可以在“我的信访”里看进度和答复。`,
    retrySubmit: '重试提交',
    reuploading: '照片需要重新上传，正在上传…',
    empty: '没有待提交的内容',
    subscribe: '提交后，可在微信中接收办理进度提醒',
  },

  success: {
    title: '提交成功',
    intro: '已收到您反映的问题。请保存好下面的编号和查询码。',
    number: '信访编号',
    queryCode: '查询码',
    copyNumber: '复制信访编号',
    copyCode: '复制查询码',
    copyBoth: '复制编号和查询码',
    clipboardText: (number: string, code: string) => `信访编号：${number}\n查询码：${code}`,
    warning:
      '查询码只显示这一次，工作人员也查不到。请截图、抄下来或复制保存。有编号和查询码，不登录也能查进度。',
    next: '接下来：15日内会告诉您是否受理，之后您可以在“我的信访”里看进度和答复。',
    subscribe: '接收办理进度提醒',
    subscribed: '已开启办理进度提醒',
    subscribeFailed: '未能开启提醒，可在“我的信访”中查看进度',
    view: '查看这件信访',
    done: '我已保存，返回首页',
    missing: '没有找到提交结果。请到“我的信访”查看。',
    /** Declined in the same request (Art 19 ¶3, 36 ¶3): no news of acceptance will follow. */
    declined: (reason: string) => `已登记，但不予受理：${reason}`,
    declinedNext: '详细理由在“查看这件信访”里。请保存好编号和查询码。',
  },

  mine: {
    title: '我的信访',
    empty: '您还没有提交过信访事项',
    submit: '我要反映问题',
    holder: (name: string) => `办理单位：${name}`,
    received: (date: string) => `${date}提交`,
    needLogin: '登录后查看您提交的信访事项',
  },

  claims: {
    title: '接待处为您的手机号登记了信访事项',
    intro: '请对照接待处给您的回执，看看是不是您的。确认后，它会出现在“我的信访”里，您可以看到完整的答复。',
    item: (number: string, unit: string, date: string) => `${number} · ${unit} · ${date} 登记`,
    name: (name: string) => `登记的姓名：${name}`,
    mine: '是我的',
    mineLabel: (number: string) => `${number} 是我的`,
    notMine: '不是我的',
    notMineLabel: (number: string) => `${number} 不是我的`,
    confirmed: '已加入“我的信访”',
    declined: '已告知接待处：不是您的',
    // A desk registration is joined with the code on its receipt (a mistyped phone has none).
    code: '请输入回执上的查询码',
    codeHint: '查询码印在接待处给您的回执上，是 8 位字母和数字。',
    codeRequired: '请输入回执上的查询码',
    codeWrong: '查询码不对，请对照回执再输入一次',
  },

  /** Written notices as documents: the list on a case, and the viewer (h5). */
  documents: {
    title: '文书',
    intro: '办理单位出具的告知书和答复意见书。可以打开查看、保存到手机。',
    empty: '还没有文书',
    open: (title: string) => `查看${title}`,
    issued: (date: string) => `${date} 出具`,
    delivered: (date: string, method: string) => `${date} 送达（${method}）`,
    awaiting: '请打开查看。打开即表示您已收到，复查和评价的期限从收到的这一天算起。',
    awaitingStaff: '待送达：信访人还没有收到这份答复，送达后请记录。',
    /** Staff only: a unit without an electronic seal stamps the paper copy by hand. */
    unsealedStaff: '未盖章，请打印后加盖公章',
    /** Staff only: characters (生僻字) no font has print as 「□」, to be written in by hand. */
    unprintableStaff: (chars: readonly string[]) =>
      `有${chars.length}个字无法打印，纸上印作“□”：${chars.join('、')}。请在打印件上手写补上。`,
    methods: { app: '手机上查看', in_person: '当面送达', post: '邮寄送达', visit: '来访时宣读' },
    opening: '正在打开…',
    viewerTitle: '查看文书',
    save: '保存到手机',
    print: '打印',
    noInlineViewer: '这个浏览器不能直接显示文书，请点“保存到手机”，再用手机自带的阅读器打开。',
    loadFailed: '文书打不开，请稍后再试',
    lookupIntro: '登录后可以打开查看文书内容。',
    deliveredShort: '已送达',
  },

  detail: {
    title: '信访详情',
    backToMine: '返回我的信访',
    number: '信访编号',
    kind: '诉求类型',
    category: '问题属于',
    received: '提交时间',
    holder: '办理单位',
    concerned: '涉及单位',
    concernedUnknown: '待信访办确定',
    content: '我反映的内容',
    collective: (headcount: number, names: string) => `多人反映：${headcount}人，代表：${names}`,
    collectiveCount: (headcount: number) => `多人反映，共${headcount}人`,
    timeline: '办理过程',
    attachments: '照片和附件',
    attachmentAlt: (n: number) => `附件${n}`,
    attachmentPdf: (n: number) => `附件${n}（PDF 文件）`,
    attachmentFailed: '附件加载失败',
    messages: '留言',
    messagesEmpty: '还没有留言。想补充情况或问进度，可以在这里留言。',
    messageFromStaff: '办理人员',
    messageFromMe: '我',
    messageLabel: '留言内容',
    messagePlaceholder: '补充情况，或询问进度',
    messageSent: '留言已发送',
    messagePhotoAdd: '添加照片',
    messagePhotosHint: (max: number) =>
      `需要补充材料（工资条、证明等）可以拍照附上，最多${max}张，并在留言里说明是什么。`,
    messagePhotosLabel: '随留言补充的照片',
    /** No answer came to a send: the submit page's words (`confirm.unconfirmed`), for this page. */
    unconfirmed: (button: string) =>
      `上次提交没有收到确认，可能是网络不好，也可能已经提交成功，请看刷新后的办理过程。内容已保存在本机，再点“${button}”不会重复提交。`,
    letter: '书面答复',
    letterRequest: '您的诉求',
    letterFacts: '查明的情况和理由',
    letterDecision: '处理意见',
    letterBasis: '依据',
    letterOutcome: '结论',
    letterDelivered: (date: string) => `${date}送达`,
    letterIssued: (date: string) => `${date}出具`,
    rate: '评价这次答复',
    rateIntro: '您的评价会记入档案，用来考核办理质量。',
    rateComment: '意见',
    rateCommentPlaceholder: '说说您的看法',
    rateSubmit: '提交评价',
    rated: (rating: string) => `您的评价：${rating}`,
    appeal: {
      request_review: {
        title: '申请复查',
        intro: '对答复不满意，可以请上一级单位重新审查（复查）。',
        submit: '提交复查申请',
        done: '已提交复查申请',
      },
      request_re_examination: {
        title: '申请复核',
        intro: '对复查意见不满意，可以请再上一级单位复核。复核意见是最终意见。',
        submit: '提交复核申请',
        done: '已提交复核申请',
      },
    },
    windowEnds: (date: string) => `最晚${date}（含当天）提出`,
    reason: '不满意的地方和理由',
    reasonPlaceholder: '请写明您不同意答复的哪些内容，以及理由',
    withdraw: '撤回这件事',
    withdrawIntro: '撤回后就不再办理了。收到书面答复前都可以撤回。',
    /**
     * Withdrawing an appeal ends the whole case (shared/README: withdraw): the earlier answer stands
     * and the same appeal cannot be asked again, though its days may still run.
     */
    withdrawAppeal: {
      review: {
        label: '撤回复查申请',
        intro: '撤回复查申请后，原答复意见有效，本事项办结，不能再申请复查。',
      },
      re_examination: {
        label: '撤回复核申请',
        intro: '撤回复核申请后，复查意见有效，本事项办结，不能再申请复核。',
      },
    },
    withdrawReason: '撤回原因',
    withdrawConfirm: '确认撤回',
    extension: (days: number) => `办理期限延长${days}天`,
    extensionReason: (reason: string) => `延期理由：${reason}`,
    step: {
      assignedTo: (unit: string) => `转交${unit}办理`,
      acceptedBy: (unit: string) => `${unit}已受理`,
      concernedUnit: (unit: string) => `涉及单位：${unit}`,
      // Art 30: an accusation about the office that received it goes to the office above.
      handedUp: (unit: string) => `按规定交${unit}办理`,
      forwardedTo: (organ: string) => `转送至${organ}`,
      forwardOutcome: (date: string) => `${date}得知有关机关的办理结果：`,
      divertedTo: (route: string) => `请通过这个途径解决：${route}`,
      declinedFor: (ground: string) => `原因：${ground}`,
      declineGuidance: (where: string) => `可以向${where.trim().replace(/[。.]$/, '')}反映`,
      hearing: (when: string, place: string) => `时间：${when}，地点：${place}`,
      requestedAt: (unit: string) => `由${unit}办理`,
      // Art 17, 35, 36: an appeal by letter, visit… that the office wrote down for the petitioner.
      recordedFrom: (channel: string, date: string) => `工作人员根据${channel}代为登记，${date}收到`,
      closed: {
        resolved: '问题已解决',
        concluded: '办理完毕',
      } as Record<string, string>,
      /** Why the case closed: the petitioner's window on the reply ran out (the event's `lapsed`). */
      lapsed: {
        review_window: '收到答复后30日内没有申请复查，事项办结。',
        re_examination_window: '收到复查意见后30日内没有申请复核，事项办结。',
        rating_window: '答复后30日的评价期已过，事项办结。',
      } as Record<string, string>,
      /** After an unsatisfied rating: the decision, then the explanation written for the petitioner. */
      rehandling: {
        again: '决定重新办理，办理后会重新书面答复您',
        kept: '决定不再重新办理，原答复意见不变',
      },
      rehandlingWhy: (why: string) => `说明：${why}`,
      mediation: {
        agreement: '达成调解协议',
        no_agreement: '没有达成调解协议',
      } as Record<string, string>,
    },
    reload: '刷新',
    notFound: '没有找到这件信访事项，或您无权查看。',
  },

  /** Leaders' reception days (接访日): published on the home page, booked by petitioners. */
  reception: {
    title: '领导接访日',
    homeIntro: '领导定期当面接待群众。可以在手机上预约时段。',
    open: '查看接访安排并预约',
    none: '近期没有安排领导接访日',
    intro: '选一个时段预约，到时请带上身份证件和相关材料。每人同时只能有一个预约。',
    leader: '接访领导',
    place: '地点',
    topics: '接待内容',
    left: (n: number) => (n > 0 ? `还可约 ${n} 人` : '已约满'),
    ended: '已结束',
    book: (from: string, to: string) => `预约 ${from}–${to}`,
    topic: '想反映的事情（一句话）',
    topicHint: '例如：夜班补贴少发',
    confirm: '确认预约',
    cancelForm: '不预约了',
    booked: '预约成功',
    mine: '我的预约',
    mineEntry: (date: string, from: string, to: string, place: string) => `${date} ${from}–${to}，${place}`,
    cancel: '取消预约',
    cancelled: '已取消预约',
    caseNumber: (number: string) => `接访反映的事项已登记，编号 ${number}，可在“我的信访”里查看办理进度。`,
    status: {
      active: '已预约',
      cancelled: '已取消',
      attended: '已接待',
      no_show: '未到场',
      received: '已接待并登记',
    } as Record<string, string>,
    signInToBook: '登录后预约',
    leaderGone: '这位领导已不再接访，请取消这个预约，另选其他接访日。',
    dayCancelled: (reason: string) => `这一天的接访已取消，原因：${reason}。可以另选一天预约。`,
    /** A day the desk changed (改期/调整): shown on the day and on a booking of it. */
    dayChanged: (reason: string) => `这一天的接访调整过，原因：${reason}。以上是调整后的时间和地点。`,
    bookingChanged: (reason: string) =>
      `接访已调整，原因：${reason}。上面是调整后的时间和地点，预约仍然有效；不能去的请取消。`,
    bookingNotKept: (reason: string) =>
      `接访已调整，原因：${reason}。调整后名额少了，按预约先后没能保留您的预约。可以另选一天预约。`,
    /** The desk changed the day while the person was booking: nothing was booked. */
    dayChangedMeanwhile: '接访安排刚刚调整过，还没有预约上。下面是调整后的时间，请看一下再预约。',
    /** A booking the change moved (another date, time, place or leader): does the person come? */
    bookingMoved: (reason: string) => `接访已调整，原因：${reason}。`,
    movedAsk: '接访时间调整了。您的预约现在是：',
    movedTime: '时间',
    movedQuestion: '您还来吗？',
    movedCome: '按新时间来',
    movedCancel: '不来了，取消预约',
    movedComing: '好的，请按新时间来。',
    movedConfirmed: '您已说好按新时间来。',
    movedAgain: '接访安排又调整了，请看一下现在的时间再回答。',
    /** The day is over and nothing was recorded for the booking: it no longer holds the person. */
    expired: '已过期',
    expiredNote: '这一天已经过去了。要反映事情，可以另选一天预约。',
  },

  lookup: {
    title: '查询办理进度',
    intro: '输入信访编号和查询码，不登录也能查进度。为保护隐私，这里不显示反映的内容和个人信息。',
    number: '信访编号',
    numberPlaceholder: '如 XF2026-000001',
    code: '查询码',
    codePlaceholder: '提交时显示的查询码',
    submit: '查询',
    notFound: '编号或查询码不正确，请核对后再试',
    numberRequired: '请填写信访编号',
    codeRequired: '请填写查询码',
    result: '查询结果',
    state: '当前状态',
    kind: '诉求类型',
    received: '登记时间',
    holder: '办理单位',
  },

  health: {
    title: '服务状态',
    heading: '信访通',
    tagline: '网上反映问题，随时查询进度和答复',
    checking: '正在检查服务状态…',
    unknown: '状态未知',
    status: {
      ok: '服务正常，可以提交和查询',
      degraded: '部分功能暂时不可用，请稍后再试，或拨打信访电话',
    } satisfies Record<Health['status'], string>,
    /** The database answers but refuses writes (a full disk, a read-only file). */
    readOnly: '现在可以查询，暂时不能提交，请稍后再试',
    refresh: '刷新',
    refreshLabel: '刷新服务状态',
    retryLabel: '重新连接',
    failed: '暂时连不上服务，请检查网络后重试',
  },
} as const;

/** The message to show for a failed request: by code, never by the server's English message. */
export function errorMessage(code: ApiErrorCode): string {
  const messages: Partial<Record<ApiErrorCode, string>> = copy.errors;
  return messages[code] ?? copy.errors.fallback;
}
