export default definePageConfig({
  navigationBarTitleText: '职工身份认证',
});
