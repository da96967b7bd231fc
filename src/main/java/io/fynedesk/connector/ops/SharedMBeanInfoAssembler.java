package io.fynedesk.connector.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.InvalidTargetObjectTypeException;
import javax.management.modelmbean.ModelMBean;
import javax.management.modelmbean.ModelMBeanInfo;
import javax.management.modelmbean.RequiredModelMBean;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedInstance;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.api.management.NotificationSenderAware;
import org.apache.camel.spi.ManagementMBeanAssembler;
import org.apache.camel.support.management.MBeanInfoAssembler;
import org.apache.camel.support.management.MixinRequiredModelMBean;
import org.apache.camel.support.management.NotificationSenderAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;

/**
 * Camel's MBean assembler with one {@link ModelMBeanInfo} per managed class instead of one per
 * MBean. Camel registers an MBean for every processor of every route (291 of its 702 here, which
 * Hawtio's per-step counts read), and its {@code DefaultManagementMBeanAssembler} builds a fresh
 * set of attribute and operation infos for each, every one with its own {@code DescriptorSupport}
 * (a {@code TreeMap}): about 13 KiB per MBean, 18 MiB of an idle connector's live heap. The infos
 * depend only on the classes (Camel's own {@link MBeanInfoAssembler} already caches what it reads
 * from them), so the MBeans of one class can share them: each {@link RequiredModelMBean} clones the
 * info it is given (its arrays), and never changes an attribute's or operation's descriptor here,
 * since Camel's descriptors set no {@code currencyTimeLimit} (no cached values) and every writable
 * attribute has a {@code setMethod}.
 *
 * <p>{@link #assemble} is Camel's {@code DefaultManagementMBeanAssembler#assemble} (4.17) with the
 * shared infos; what an MBean answers (attributes, operations, masking, notifications) is the same.
 */
public final class SharedMBeanInfoAssembler extends ServiceSupport
    implements ManagementMBeanAssembler {

  private final CamelContext camelContext;
  private final MBeanInfoAssembler assembler;

  /** Info by (managed class, custom managed class or null). */
  private final Map<List<Class<?>>, ModelMBeanInfo> infos = new ConcurrentHashMap<>();

  public SharedMBeanInfoAssembler(CamelContext camelContext) {
    this.camelContext = camelContext;
    this.assembler = new MBeanInfoAssembler(camelContext);
  }

  @Override
  public ModelMBean assemble(MBeanServer mBeanServer, Object obj, ObjectName name)
      throws JMException {
    ModelMBeanInfo mbi = null;
    ModelMBeanInfo standardMbi = null;
    Object custom = null;
    // A managed instance with a custom @ManagedResource object gets both sets of operations.
    if (obj instanceof ManagedInstance managedInstance) {
      custom = managedInstance.getInstance();
      if (custom != null
          && ObjectHelper.hasAnnotation(
              custom.getClass().getAnnotations(), ManagedResource.class)) {
        mbi = info(obj, custom, name);
        standardMbi = info(obj, null, name);
      }
    }
    if (mbi == null) {
      mbi = info(obj, null, name);
    }
    if (mbi == null) {
      return null;
    }
    boolean sanitize =
        Boolean.TRUE.equals(camelContext.getManagementStrategy().getManagementAgent().getMask());
    RequiredModelMBean mixinMBean = null;
    if (standardMbi != null) {
      mixinMBean = (RequiredModelMBean) mBeanServer.instantiate(RequiredModelMBean.class.getName());
      mixinMBean.setModelMBeanInfo(standardMbi);
      try {
        mixinMBean.setManagedResource(obj, "ObjectReference");
      } catch (InvalidTargetObjectTypeException e) {
        throw new JMException(e.getMessage());
      }
      obj = custom;
    }
    RequiredModelMBean mbean = new MixinRequiredModelMBean(mbi, sanitize, standardMbi, mixinMBean);
    try {
      mbean.setManagedResource(obj, "ObjectReference");
    } catch (InvalidTargetObjectTypeException e) {
      throw new JMException(e.getMessage());
    }
    if (obj instanceof NotificationSenderAware aware) {
      aware.setNotificationSender(new NotificationSenderAdapter(mbean));
    }
    return mbean;
  }

  private ModelMBeanInfo info(Object managed, Object custom, ObjectName name) throws JMException {
    List<Class<?>> key =
        Arrays.asList(managed.getClass(), custom == null ? null : custom.getClass());
    ModelMBeanInfo info = infos.get(key);
    if (info == null) {
      info = assembler.getMBeanInfo(camelContext, managed, custom, name.toString());
      if (info == null) {
        return null; // a proxy class: Camel does not manage it
      }
      ModelMBeanInfo first = infos.putIfAbsent(key, info);
      info = first != null ? first : info;
    }
    return info;
  }

  @Override
  protected void doInit() throws Exception {
    ServiceHelper.initService(assembler);
  }

  @Override
  protected void doStart() throws Exception {
    ServiceHelper.startService(assembler);
  }

  @Override
  protected void doStop() throws Exception {
    ServiceHelper.stopService(assembler);
    infos.clear();
  }
}
