export default definePageConfig({
  navigationBarTitleText: '我的信访',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
