export default definePageConfig({ navigationBarTitleText: '协办', enablePullDownRefresh: true });
