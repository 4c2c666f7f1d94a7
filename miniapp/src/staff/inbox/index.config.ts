export default definePageConfig({
  navigationBarTitleText: '待办信访事项',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
