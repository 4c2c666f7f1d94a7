export default definePageConfig({ navigationBarTitleText: '本单位概况', enablePullDownRefresh: true });
