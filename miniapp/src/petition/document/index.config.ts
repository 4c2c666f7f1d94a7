export default definePageConfig({
  navigationBarTitleText: '查看文书',
});
