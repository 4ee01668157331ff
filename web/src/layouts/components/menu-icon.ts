import {
  Delete, Document, House, Menu, OfficeBuilding, Service, Setting, Tickets, TrendCharts, User,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';

const ICONS: Record<string, Component> = {
  Delete, Document, House, Menu, OfficeBuilding, Service, Setting, Tickets, TrendCharts, User,
};

export function menuIcon(name: string): Component {
  return ICONS[name] ?? Menu;
}
