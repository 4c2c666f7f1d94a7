export default definePageConfig({
  navigationBarTitleText: '信访详情',
  enablePullDownRefresh: true,
});
