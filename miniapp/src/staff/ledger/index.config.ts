export default definePageConfig({ navigationBarTitleText: '信访台账', enablePullDownRefresh: true });
