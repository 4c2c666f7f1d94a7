export default definePageConfig({ navigationBarTitleText: '待送达的答复', enablePullDownRefresh: true });
