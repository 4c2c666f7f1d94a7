/**
 * Main package: the three pages of the bottom bar (home, my petitions, me). Everything else lives
 * in subpackages, loaded when first opened, so the WeChat main package stays small — the staff
 * workbench too.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index', 'pages/me/index'],
  // h5 only (WeChat has no such field): the slide starts at once. With Taro's default 50 ms delay,
  // going back sooner than that after opening a page hid the page returned to — a blank screen.
  ...(process.env.TARO_ENV === 'h5' ? { animation: { duration: 300, delay: 0 } } : {}),
  subPackages: [
    { root: 'account', pages: ['login/index', 'phone/index', 'employee/index'] },
    {
      root: 'petition',
      pages: ['submit/index', 'confirm/index', 'success/index', 'detail/index', 'document/index'],
    },
    { root: 'public', pages: ['lookup/index', 'privacy/index', 'health/index', 'reception/index'] },
    // The message centre and notification settings (issue 13), for petitioners and staff.
    { root: 'messages', pages: ['list/index', 'settings/index'] },
    {
      // The staff workbench (issue 7): reception, handlers, unit heads, leaders, supervisors.
      root: 'staff',
      pages: [
        'login/index',
        'password/index',
        'inbox/index',
        'register/index',
        'petition/index',
        'approvals/index',
        'overview/index',
        'figures/index',
        'ledger/index',
        'templates/index',
        'deliveries/index',
        'unreached/index',
        'supervision/index',
        'co-handling/index',
        'screening/index',
        'follow-ups/index',
        'reception/index',
        'oversight/index',
        'registers/index',
        'person/index',
        'documents/index',
        'account/index',
        'invite/index',
        // 一键移交 (Art 24): a unit head hands a 承办人's open cases to one colleague.
        'hand-over/index',
      ],
    },
    {
      // Administration (issue 17): the organisation, accounts, the roster, categories, the calendar,
      // the audit log, notifications and health — apart, so no one else downloads it.
      root: 'admin',
      pages: [
        'home/index',
        'units/index',
        'unit/index',
        'accounts/index',
        'account/index',
        'roster/index',
        'categories/index',
        'calendar/index',
        'audit/index',
        'outbox/index',
        'health/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f3f4f6',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '信访通',
    navigationBarTextStyle: 'black',
  },
  // WeChat: the privacy agreement is handled by the app (wx.onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        // WeChat injects only the code of the page opened and the components it declares, not
        // every page of the packages downloaded: a faster start, less memory.
        lazyCodeLoading: 'requiredComponents',
        // Fetched in the background when these pages open, so the next page opens at once. Each
        // package's pages share 2 MB of preloads (a release build: petition 143 KiB, account
        // 25 KiB, admin 273 KiB).
        preloadRule: {
          // From home a petitioner goes on to 我要反映: the form, behind the sign-in when signed out.
          'pages/index/index': { network: 'all', packages: ['petition', 'account'] },
          // Staff sign in inside `staff` itself; an administrator or auditor goes on to `admin`.
          // Most staff do not, so only over Wi-Fi.
          'staff/login/index': { network: 'wifi', packages: ['admin'] },
        },
        // Which pages WeChat search may index (copied by config/index.ts): only those that publish
        // what anyone may read, opened without parameters — home (the offices' channels, Art 18),
        // the leaders' reception days and the privacy notice. Nothing of a petition or a person,
        // nor the staff's pages: everything else is `disallow`.
        sitemapLocation: 'sitemap.json',
      }
    : {}),
});
