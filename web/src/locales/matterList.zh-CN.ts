/** Strings of the matter list page and the workbench's 督办给我的 tab (zh-CN). */
export const matterListZh = {
  title: '事项列表',
  filters: {
    kind: '事项类型', channel: '受理渠道', state: '状态', unit: '承办单位', officer: '承办人', received: '接收时间',
    receivedStart: '开始日期', receivedEnd: '结束日期', overdueOnly: '只看超期', any: '全部', search: '搜索',
    searchPlaceholder: '内容、编号、地址（繁简体均可）', reset: '重置', more: '筛选', less: '收起筛选', selectUnitFirst: '请先选择承办单位',
  },
  cols: { channel: '渠道' },
  total: '共 {total} 条',
  export: '导出Excel',
  exportHint: '按当前筛选条件导出，最多 {max} 条，不含个人信息',
  exportTooMany: '符合条件的事项超过 {max} 条，请缩小筛选范围后再导出',
  workbenchTab: '督办给我的',
};
export type MatterListMessages = typeof matterListZh;
