import { onBeforeUnmount, onMounted, ref, computed } from 'vue';

export const MOBILE_BREAKPOINT = 768;

/** Window width, and whether the layout should switch to its narrow-screen form. */
export function useViewport() {
  const width = ref(typeof window !== 'undefined' ? window.innerWidth : 1280);
  const update = () => {
    width.value = window.innerWidth;
  };
  onMounted(() => window.addEventListener('resize', update));
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return { width, isMobile: computed(() => width.value < MOBILE_BREAKPOINT) };
}
