export default definePageConfig({ navigationBarTitleText: '待我审批', enablePullDownRefresh: true });
